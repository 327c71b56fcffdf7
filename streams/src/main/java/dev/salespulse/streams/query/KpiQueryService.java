package dev.salespulse.streams.query;

import dev.salespulse.streams.config.ReportingConfig;
import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.stores.Scope;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers "the KPIs of this scope over this period": sums the scope's buckets over the period and
 * computes every {@link Metric} from the sums. A scope with no events answers zeros (and null
 * ratios), not an error.
 */
public final class KpiQueryService {
  private final QueryContext context;

  public KpiQueryService(
      ReportingConfig config, int queryCostLimit, KpiStores stores, Clock clock) {
    this(config, queryCostLimit, stores, new LocalPartials(stores), clock);
  }

  /** Answers from the given partial sums (e.g. those of every instance of the cluster). */
  public KpiQueryService(
      ReportingConfig config,
      int queryCostLimit,
      KpiStores stores,
      Partials partials,
      Clock clock) {
    this.context = new QueryContext(config, queryCostLimit, stores, partials, clock);
  }

  public KpiAnswer kpis(String scopeKey, String periodCode) {
    return kpis(scopeKey, periodCode, null, null);
  }

  /**
   * @param from {@code from} of a custom period, else null
   * @throws IllegalArgumentException for an unknown scope kind, period or a malformed date
   * @throws StoresUnavailableException while the stores cannot be read
   * @throws QueryTooCostlyException when the period has more days than the cost limit allows
   */
  public KpiAnswer kpis(String scopeKey, String periodCode, String from, String to) {
    Scope scope = Scope.parse(scopeKey);
    PeriodRange range = context.period(periodCode, from, to);
    context.checkCost(QueryCost.daysOf(range), 1, 1, "ask for a shorter period");
    KpiTotals totals = context.sums.sum(scope.toString(), range);
    Map<String, Map<String, BigDecimal>> targets =
        context.targets.progress(
            scope,
            range,
            totals,
            () -> context.expectedShare.of(scope.toString(), range, context.clock.instant()));
    Map<String, Object> kpis = kpis(totals, context.config.currencyDigits());
    kpis.putAll(context.customers.of(scope.toString(), range));
    Map<String, BigDecimal> revenue = targets.getOrDefault(Metric.REVENUE.code(), Map.of());
    for (String field : List.of("target", "attainment", "pace", "projected", "gap")) {
      kpis.put(field, revenue.get(field));
    }
    return new KpiAnswer(
        scope.toString(),
        context.name(scope),
        range.period().code(),
        range.from(),
        range.to(),
        context.calendar.zone().getId(),
        QueryContext.asOf(totals.lastEventMs()),
        context.stale(),
        context.config.currency(),
        kpis,
        targets);
  }

  static Map<String, Object> kpis(KpiTotals totals, int currencyDigits) {
    Map<String, Object> kpis = new LinkedHashMap<>();
    for (Metric metric : Metric.values()) {
      kpis.put(metric.code(), metric.value(totals, currencyDigits));
    }
    return kpis;
  }
}
