package dev.salespulse.streams.query;

import dev.salespulse.streams.events.TargetValue;
import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.stores.Scope;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Targets from {@code sales.targets} (key {@code SCOPE:scopeId:PERIOD:METRIC}) and what follows
 * from them for an answer: {@code target}, {@code attainment} (actual / target), {@code pace}
 * (actual / (target × expected share)), {@code projected} (actual / expected share) and {@code gap}
 * (target − actual). A target holds for every period of its kind until replaced or deleted. Targets
 * exist for company, region, team and rep scopes and for the day, week, month and quarter periods;
 * {@code pace} and {@code projected} are null while the expected share is zero.
 */
final class Targets {
  /** The metrics a target can be set for, with the contract's names. */
  static final Map<Metric, String> METRICS =
      Map.of(
          Metric.REVENUE, "REVENUE",
          Metric.ORDERS, "ORDERS",
          Metric.CALLS, "CALLS",
          Metric.MEETINGS, "MEETINGS",
          Metric.DEALS_WON, "DEALS_WON");

  private static final int COUNT_DIGITS = 2;

  private final Supplier<ReadOnlyKeyValueStore<String, String>> store;
  private final int currencyDigits;

  Targets(Supplier<ReadOnlyKeyValueStore<String, String>> store, int currencyDigits) {
    this.store = store;
    this.currencyDigits = currencyDigits;
  }

  /**
   * The target of a scope, period and metric, if one is set. A day's target is the one set for its
   * weekday ({@code SCOPE:id:SUNDAY:METRIC}) when there is one, else the one of every day ({@code
   * DAY}): a floor that is quiet at weekends has smaller targets then.
   */
  Optional<BigDecimal> target(Scope scope, PeriodRange range, Metric metric) {
    Optional<String> periodName = periodName(range.period());
    String metricName = METRICS.get(metric);
    if (periodName.isEmpty() || metricName == null || !scope.kind().hasTargets()) {
      return Optional.empty();
    }
    String prefix = scope.kind().name() + ":" + scope.id() + ":";
    if (periodName.get().equals("DAY") && range.days().size() == 1) {
      String weekday = range.days().get(0).getDayOfWeek().name();
      Optional<BigDecimal> ofWeekday =
          Optional.ofNullable(store.get().get(prefix + weekday + ":" + metricName))
              .flatMap(TargetValue::parse);
      if (ofWeekday.isPresent()) {
        return ofWeekday;
      }
    }
    return Optional.ofNullable(store.get().get(prefix + periodName.get() + ":" + metricName))
        .flatMap(TargetValue::parse);
  }

  /**
   * Every metric with a target, with its target, attainment, pace, projection and gap. The expected
   * share is only asked for when there is a target: learning it reads weeks of profile buckets (on
   * every instance), which most answers do not need.
   */
  Map<String, Map<String, BigDecimal>> progress(
      Scope scope, PeriodRange range, KpiTotals totals, Supplier<Share> expectedShare) {
    Map<String, Map<String, BigDecimal>> progress = new LinkedHashMap<>();
    Share share = null;
    for (Metric metric : Metric.SUMMED) {
      Optional<BigDecimal> target = target(scope, range, metric);
      if (target.isPresent()) {
        share = share == null ? expectedShare.get() : share;
        progress.put(metric.code(), progress(metric, target.get(), totals, share));
      }
    }
    return progress;
  }

  private Map<String, BigDecimal> progress(
      Metric metric, BigDecimal target, KpiTotals totals, Share share) {
    BigDecimal actual = metric.rankValue(totals, currencyDigits);
    int digits = metric == Metric.REVENUE ? currencyDigits : COUNT_DIGITS;
    Map<String, BigDecimal> values = new LinkedHashMap<>();
    values.put("target", target);
    values.put("attainment", ratio(actual, target));
    values.put(
        "pace",
        share.isZero() || target.signum() == 0
            ? null
            : actual
                .multiply(share.denominator())
                .divide(
                    share.numerator().multiply(target),
                    Metric.RATIO_DIGITS,
                    RoundingMode.HALF_EVEN));
    values.put("projected", share.isZero() ? null : share.divide(actual, digits));
    values.put("gap", target.subtract(actual));
    values.put("expectedShare", share.value());
    return values;
  }

  static BigDecimal ratio(BigDecimal actual, BigDecimal target) {
    return target.signum() == 0
        ? null
        : actual.divide(target, Metric.RATIO_DIGITS, RoundingMode.HALF_EVEN);
  }

  private static Optional<String> periodName(Period period) {
    return switch (period) {
      case TODAY, YESTERDAY -> Optional.of("DAY");
      case WTD -> Optional.of("WEEK");
      case MTD -> Optional.of("MONTH");
      case QTD -> Optional.of("QUARTER");
      default -> Optional.empty();
    };
  }
}
