package dev.salespulse.streams.query;

import dev.salespulse.streams.stores.CustomerDayKey;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * {@code customers}, {@code newCustomers} and {@code repeatRate} of a scope over a period of whole
 * business days: the distinct customers with a placed order in the scope, those of them whose first
 * order ever (anywhere) falls in the period, and the share of the rest. Counted exactly (the
 * contract allows a sketch beyond 10,000 a bucket; this build does not need one, at the price of
 * reading each customer of the period once). Periods of minutes have no customer counts (null).
 */
final class CustomerCounts {
  private final KpiStores stores;

  CustomerCounts(KpiStores stores) {
    this.stores = stores;
  }

  Map<String, Object> of(String scope, PeriodRange range) {
    Map<String, Object> kpis = new LinkedHashMap<>();
    if (!range.byDays()) {
      kpis.put("customers", null);
      kpis.put("newCustomers", null);
      kpis.put("repeatRate", null);
      return kpis;
    }
    Set<String> customers = new HashSet<>();
    for (LocalDate day : range.days()) {
      String prefix = CustomerDayKey.prefix(day, scope);
      try (KeyValueIterator<String, String> keys =
          stores.customerDays().get().prefixScan(prefix, new StringSerializer())) {
        keys.forEachRemaining(entry -> customers.add(entry.key.substring(prefix.length())));
      }
    }
    long fresh = 0;
    for (String customer : customers) {
      Long first = stores.customerFirstOrders().get().get(customer);
      if (first != null
          && first >= range.from().toEpochMilli()
          && first < range.to().toEpochMilli()) {
        fresh++;
      }
    }
    kpis.put("customers", (long) customers.size());
    kpis.put("newCustomers", fresh);
    kpis.put(
        "repeatRate",
        customers.isEmpty()
            ? null
            : BigDecimal.valueOf(customers.size() - fresh)
                .divide(
                    BigDecimal.valueOf(customers.size()),
                    Metric.RATIO_DIGITS,
                    RoundingMode.HALF_EVEN));
    return kpis;
  }
}
