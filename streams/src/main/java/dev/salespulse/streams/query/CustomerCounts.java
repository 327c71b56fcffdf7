package dev.salespulse.streams.query;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The customer KPIs ({@link Metric#OF_CUSTOMERS}: {@code customers}, {@code newCustomers} and
 * {@code repeatRate}) of a scope over a period of whole business days: the distinct customers with
 * a placed order in the scope, those of them whose first order ever (anywhere) falls in the period,
 * and the share of the rest. Counted exactly (the contract allows a sketch beyond 10,000 a bucket;
 * this build does not need one, at the price of reading each customer of the period once, holding
 * one a day). Periods of minutes have no customer counts (null).
 */
final class CustomerCounts {
  private final Partials partials;

  CustomerCounts(Partials partials) {
    this.partials = partials;
  }

  Map<String, Object> of(String scope, PeriodRange range) {
    return of(range.byDays() ? partials.customers(scope, range) : null, range);
  }

  /** The three KPIs from a scope's tally; null (and so are they) for a period of minutes. */
  static Map<String, Object> of(Partials.CustomerTally tally, PeriodRange range) {
    Map<String, Object> kpis = new LinkedHashMap<>();
    for (Metric metric : Metric.OF_CUSTOMERS) {
      kpis.put(metric.code(), range.byDays() ? metric.value(tally) : null);
    }
    return kpis;
  }
}
