package dev.salespulse.streams.query;

import dev.salespulse.streams.stores.KpiTotals;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The raw sums every query is computed from. Each is additive across instances: KPI buckets and the
 * revenue profile are partitioned by scope, customers by customerId, so the sums of several
 * instances' partitions add up to the whole. {@link LocalPartials} reads this instance's stores;
 * web/ adds the other instances' partials to answer from the whole cluster.
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

  /** A minute bucket: its start (epoch millis) and totals. */
  record MinuteTotals(long minute, KpiTotals totals) {}

  /** Customer counts, additive across instances (each customer lives in one partition). */
  record CustomerTally(long customers, long newCustomers) {
    public CustomerTally plus(CustomerTally other) {
      return new CustomerTally(customers + other.customers, newCustomers + other.newCustomers);
    }
  }
}
