package dev.salespulse.streams.query;

import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.stores.Retention;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The raw sums every query is computed from. Each is additive across instances: KPI buckets and the
 * revenue profile are partitioned by scope, customers by customerId, so the sums of several
 * instances' partitions add up to the whole. {@link LocalPartials} reads this instance's stores;
 * web/ adds the other instances' partials to answer from the whole cluster.
 *
 * <p>Every query asks for a small, fixed number of partials whatever the length of its period or
 * the number of its points: the batch methods ({@link #sumPerDay}, {@link #profile}, {@link
 * #customersAll}) answer a whole range in one call, since each call of a cluster's partials is a
 * call to every other instance. Their default implementations only compose the single ones (for
 * test doubles); the implementations that read stores or other instances override them.
 */
public interface Partials {

  /** One scope's totals over a period. */
  KpiTotals sum(String scope, PeriodRange range);

  /** Totals over a period of every scope whose key starts with {@code prefix} (e.g. "rep:"). */
  Map<String, KpiTotals> sumAll(String prefix, PeriodRange range);

  /** One scope's minute buckets starting in [from, to). */
  List<MinuteTotals> minutes(String scope, Instant from, Instant to);

  /** Distinct customers of a scope over a period of days, and how many of them are new. */
  CustomerTally customers(String scope, PeriodRange range);

  /** Gross revenue of a scope's revenue-profile buckets starting in [from, to). */
  long profileGross(String scope, Instant from, Instant to);

  /**
   * One scope's totals on each day of a period of days, in the order of {@link PeriodRange#days()}
   * (an empty bucket as {@link KpiTotals#EMPTY}).
   */
  default List<KpiTotals> sumPerDay(String scope, PeriodRange range) {
    List<KpiTotals> sums = new ArrayList<>();
    for (LocalDate day : range.days()) {
      sums.add(sum(scope, new PeriodRange(range.period(), range.from(), range.to(), List.of(day))));
    }
    return sums;
  }

  /**
   * Gross revenue of a scope's revenue-profile buckets starting in [from, to), by bucket start
   * (epoch millis), oldest first; buckets without any left out.
   */
  default Map<Long, Long> profile(String scope, Instant from, Instant to) {
    long bucket = Retention.PROFILE_BUCKET.toMillis();
    Map<Long, Long> buckets = new TreeMap<>();
    long first = from.toEpochMilli() + Math.floorMod(-from.toEpochMilli(), bucket);
    for (long start = first; start < to.toEpochMilli(); start += bucket) {
      long gross =
          profileGross(scope, Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + 1));
      if (gross != 0) {
        buckets.put(start, gross);
      }
    }
    return buckets;
  }

  /**
   * Customer counts over a period of days of every scope whose key starts with {@code prefix} (e.g.
   * "rep:") and that has a customer in it.
   */
  default Map<String, CustomerTally> customersAll(String prefix, PeriodRange range) {
    Map<String, CustomerTally> tallies = new HashMap<>();
    for (String scope : sumAll(prefix, range).keySet()) {
      CustomerTally tally = customers(scope, range);
      if (tally.customers() > 0) {
        tallies.put(scope, tally);
      }
    }
    return tallies;
  }

  /** A minute bucket: its start (epoch millis) and totals. */
  record MinuteTotals(long minute, KpiTotals totals) {}

  /** Customer counts, additive across instances (each customer lives in one partition). */
  record CustomerTally(long customers, long newCustomers) {
    public static final CustomerTally NONE = new CustomerTally(0, 0);

    public CustomerTally plus(CustomerTally other) {
      return new CustomerTally(customers + other.customers, newCustomers + other.newCustomers);
    }
  }
}
