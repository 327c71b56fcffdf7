package dev.salespulse.streams.query;

import dev.salespulse.streams.stores.CustomerDayKey;
import dev.salespulse.streams.stores.DayKey;
import dev.salespulse.streams.stores.KpiTotals;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
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

  /**
   * Merges the days' sorted scans of the scope's customers and counts each distinct one as it
   * passes: memory for one key a day, not for every customer of the period.
   */
  @Override
  public CustomerTally customers(String scope, PeriodRange range) {
    if (!range.byDays()) {
      return CustomerTally.NONE;
    }
    long[] counts = new long[2];
    ReadOnlyKeyValueStore<String, Long> firstOrders = stores.customerFirstOrders().get();
    List<String> prefixes =
        range.days().stream().map(day -> CustomerDayKey.prefix(day, scope)).toList();
    DistinctKeys.forEach(
        stores.customerDays().get(),
        prefixes,
        customer -> {
          RequestScope.checkDeadline();
          counts[0]++;
          counts[1] += isNew(firstOrders, customer, range) ? 1 : 0;
        });
    return new CustomerTally(counts[0], counts[1]);
  }

  /**
   * One pass over each day's customers of every scope (keys {@code <len>:<scope>|<customer>} after
   * the date), merged across days as {@link #customers} does, so that a scope's distinct customers
   * come one after the other.
   */
  @Override
  public Map<String, CustomerTally> customersAll(String prefix, PeriodRange range) {
    if (!range.byDays()) {
      return Map.of();
    }
    Map<String, CustomerTally> tallies = new HashMap<>();
    ReadOnlyKeyValueStore<String, Long> firstOrders = stores.customerFirstOrders().get();
    List<String> prefixes = range.days().stream().map(day -> day + "|").toList();
    DistinctKeys.forEach(
        stores.customerDays().get(),
        prefixes,
        scopeAndCustomer -> {
          RequestScope.checkDeadline();
          int colon = scopeAndCustomer.indexOf(':');
          int length = Integer.parseInt(scopeAndCustomer.substring(0, colon));
          String scope = scopeAndCustomer.substring(colon + 1, colon + 1 + length);
          if (scope.startsWith(prefix)) {
            String customer = scopeAndCustomer.substring(colon + 2 + length);
            tallies.merge(
                scope,
                new CustomerTally(1, isNew(firstOrders, customer, range) ? 1 : 0),
                CustomerTally::plus);
          }
        });
    return tallies;
  }

  /**
   * Whether the customer's first placed order ever falls in the period. The store is looked up once
   * per query by the caller: each lookup finds its partitions again.
   */
  private static boolean isNew(
      ReadOnlyKeyValueStore<String, Long> firstOrders, String customer, PeriodRange range) {
    Long first = firstOrders.get(customer);
    return first != null
        && first >= range.from().toEpochMilli()
        && first < range.to().toEpochMilli();
  }

  @Override
  public List<KpiTotals> sumPerDay(String scope, PeriodRange range) {
    List<KpiTotals> sums = new ArrayList<>();
    for (LocalDate day : range.days()) {
      RequestScope.checkDeadline();
      KpiTotals bucket = stores.days().get().get(new DayKey(day, scope).toString());
      sums.add(bucket == null ? KpiTotals.EMPTY : bucket);
    }
    return sums;
  }

  @Override
  public Map<Long, Long> profile(String scope, Instant from, Instant to) {
    Map<Long, Long> buckets = new TreeMap<>();
    try (WindowStoreIterator<Long> fetched =
        stores.revenueProfile().get().fetch(scope, from, to.minusMillis(1))) {
      while (fetched.hasNext()) {
        RequestScope.checkDeadline();
        KeyValue<Long, Long> bucket = fetched.next();
        if (bucket.value != 0) {
          buckets.merge(bucket.key, bucket.value, Math::addExact);
        }
      }
    }
    return buckets;
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
