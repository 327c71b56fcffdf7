package dev.salespulse.streams.query;

import dev.salespulse.streams.stores.CustomerDayKey;
import dev.salespulse.streams.stores.DayKey;
import dev.salespulse.streams.stores.KpiTotals;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The partial sums of this instance's stores: day buckets for periods of whole business days,
 * minute buckets otherwise. Every store iterator is closed. Long loops stop once the request they
 * answer is past its deadline ({@link RequestScope}).
 */
public final class LocalPartials implements Partials {
  private final KpiStores stores;

  public LocalPartials(KpiStores stores) {
    this.stores = stores;
  }

  @Override
  public KpiTotals sum(String scope, PeriodRange range) {
    if (range.byDays()) {
      KpiTotals sum = KpiTotals.EMPTY;
      for (LocalDate day : range.days()) {
        RequestScope.checkDeadline();
        KpiTotals bucket = stores.days().get().get(new DayKey(day, scope).toString());
        sum = bucket == null ? sum : sum.plus(bucket);
      }
      return sum;
    }
    KpiTotals sum = KpiTotals.EMPTY;
    for (MinuteTotals minute : minutes(scope, range.from(), range.to())) {
      sum = sum.plus(minute.totals());
    }
    return sum;
  }

  @Override
  public List<MinuteTotals> minutes(String scope, Instant from, Instant to) {
    List<MinuteTotals> minutes = new ArrayList<>();
    try (WindowStoreIterator<KpiTotals> buckets =
        stores.minutes().get().fetch(scope, from, to.minusMillis(1))) {
      while (buckets.hasNext()) {
        KeyValue<Long, KpiTotals> bucket = buckets.next();
        minutes.add(new MinuteTotals(bucket.key, bucket.value));
      }
    }
    return minutes;
  }

  @Override
  public Map<String, KpiTotals> sumAll(String prefix, PeriodRange range) {
    Map<String, KpiTotals> sums = new HashMap<>();
    if (range.byDays()) {
      for (LocalDate day : range.days()) {
        RequestScope.checkDeadline();
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
        RequestScope.checkDeadline();
        if (wanted.test(bucket.key.key())) {
          sums.merge(bucket.key.key(), bucket.value, KpiTotals::plus);
        }
      }
    }
    return sums;
  }

  @Override
  public CustomerTally customers(String scope, PeriodRange range) {
    Set<String> customers = new HashSet<>();
    for (LocalDate day : range.days()) {
      RequestScope.checkDeadline();
      String prefix = CustomerDayKey.prefix(day, scope);
      try (KeyValueIterator<String, String> keys =
          stores.customerDays().get().prefixScan(prefix, new StringSerializer())) {
        keys.forEachRemaining(entry -> customers.add(entry.key.substring(prefix.length())));
      }
    }
    long fresh = 0;
    for (String customer : customers) {
      RequestScope.checkDeadline();
      Long first = stores.customerFirstOrders().get().get(customer);
      if (first != null
          && first >= range.from().toEpochMilli()
          && first < range.to().toEpochMilli()) {
        fresh++;
      }
    }
    return new CustomerTally(customers.size(), fresh);
  }

  @Override
  public long profileGross(String scope, Instant from, Instant to) {
    long sum = 0;
    try (WindowStoreIterator<Long> buckets =
        stores.revenueProfile().get().fetch(scope, from, to.minusMillis(1))) {
      while (buckets.hasNext()) {
        sum = Math.addExact(sum, buckets.next().value);
      }
    }
    return sum;
  }
}
