package dev.salespulse.streams.query;

import dev.salespulse.streams.stores.DayKey;
import dev.salespulse.streams.stores.KpiTotals;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Sums buckets into a period's totals: day buckets for periods of whole business days, minute
 * buckets otherwise. Every store iterator is closed.
 */
final class BucketSums {
  private final KpiStores stores;

  BucketSums(KpiStores stores) {
    this.stores = stores;
  }

  /** One scope's totals over a period. */
  KpiTotals of(String scope, PeriodRange range) {
    if (range.byDays()) {
      KpiTotals sum = KpiTotals.EMPTY;
      for (LocalDate day : range.days()) {
        KpiTotals bucket = stores.days().get().get(new DayKey(day, scope).toString());
        sum = bucket == null ? sum : sum.plus(bucket);
      }
      return sum;
    }
    return minutes(scope, range.from(), range.to());
  }

  /** One scope's totals over the minute buckets starting in [from, to). */
  KpiTotals minutes(String scope, Instant from, Instant to) {
    KpiTotals sum = KpiTotals.EMPTY;
    try (WindowStoreIterator<KpiTotals> buckets =
        stores.minutes().get().fetch(scope, from, to.minusMillis(1))) {
      while (buckets.hasNext()) {
        sum = sum.plus(buckets.next().value);
      }
    }
    return sum;
  }

  /** Totals over a period of every scope whose key starts with {@code prefix} (e.g. "rep:"). */
  Map<String, KpiTotals> allOf(String prefix, PeriodRange range) {
    Map<String, KpiTotals> sums = new HashMap<>();
    if (range.byDays()) {
      for (LocalDate day : range.days()) {
        String dayPrefix = new DayKey(day, prefix).toString();
        try (KeyValueIterator<String, KpiTotals> buckets =
            stores.days().get().prefixScan(dayPrefix, new StringSerializer())) {
          while (buckets.hasNext()) {
            KeyValue<String, KpiTotals> bucket = buckets.next();
            sums.merge(DayKey.parse(bucket.key).scope(), bucket.value, KpiTotals::plus);
          }
        }
      }
      return sums;
    }
    Predicate<String> wanted = scope -> scope.startsWith(prefix);
    try (KeyValueIterator<Windowed<String>, KpiTotals> buckets =
        stores.minutes().get().fetchAll(range.from(), range.to().minusMillis(1))) {
      while (buckets.hasNext()) {
        KeyValue<Windowed<String>, KpiTotals> bucket = buckets.next();
        if (wanted.test(bucket.key.key())) {
          sums.merge(bucket.key.key(), bucket.value, KpiTotals::plus);
        }
      }
    }
    return sums;
  }
}
