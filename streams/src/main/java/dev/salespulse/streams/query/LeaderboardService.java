package dev.salespulse.streams.query;

import dev.salespulse.streams.config.ReportingConfig;
import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.stores.Scope;
import dev.salespulse.streams.stores.ScopeKind;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ranks every scope of one kind by one metric over a period. Ties share a rank (1, 1, 3) and are
 * ordered by scope key; scopes whose metric has no value (a ratio without a denominator) come last,
 * unranked by value but still numbered.
 */
public final class LeaderboardService {
  public static final int MAX_LIMIT = 500;
  private final QueryContext context;

  public LeaderboardService(
      ReportingConfig config, int queryCostLimit, KpiStores stores, Clock clock) {
    this(config, queryCostLimit, stores, new LocalPartials(stores), clock);
  }

  /** Answers from the given partial sums (e.g. those of every instance of the cluster). */
  public LeaderboardService(
      ReportingConfig config,
      int queryCostLimit,
      KpiStores stores,
      Partials partials,
      Clock clock) {
    this.context = new QueryContext(config, queryCostLimit, stores, partials, clock);
  }

  /**
   * @throws IllegalArgumentException for an unknown dimension, metric or period, or a bad limit
   * @throws QueryTooCostlyException when days × ranked scopes is above the cost limit
   */
  public LeaderboardAnswer leaderboard(
      String dimension, String metricCode, String periodCode, int limit, String from, String to) {
    ScopeKind kind =
        ScopeKind.of(dimension)
            .orElseThrow(
                () -> new IllegalArgumentException("unknown dimension '" + dimension + "'"));
    boolean byCustomers = Metric.CUSTOMER_CODES.contains(metricCode);
    Metric metric = byCustomers ? null : Metric.parse(metricCode);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
    PeriodRange range = context.period(periodCode, from, to);
    Map<String, KpiTotals> sums = context.sums.sumAll(kind.prefix() + ":", range);
    context.checkCost(
        QueryCost.daysOf(range),
        sums.size(),
        1,
        "ask for a shorter period (every " + kind.prefix() + " with events in it is ranked)");
    Map<String, Partials.CustomerTally> customers =
        byCustomers && range.byDays()
            ? context.sums.customersAll(kind.prefix() + ":", range)
            : Map.of();
    int digits = context.config.currencyDigits();

    List<Ranked> ranked = new ArrayList<>();
    long newest = Long.MIN_VALUE;
    for (Map.Entry<String, KpiTotals> scope : sums.entrySet()) {
      BigDecimal value =
          byCustomers
              ? customerValue(
                  customers.getOrDefault(scope.getKey(), Partials.CustomerTally.NONE),
                  metricCode,
                  range)
              : metric.rankValue(scope.getValue(), digits);
      ranked.add(new Ranked(scope.getKey(), value));
      newest = Math.max(newest, scope.getValue().lastEventMs());
    }
    ranked.sort(
        Comparator.comparing(
                Ranked::value, Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder()))
            .thenComparing(Ranked::scope));

    List<LeaderboardAnswer.Row> rows = new ArrayList<>();
    for (int i = 0; i < ranked.size() && rows.size() < limit; i++) {
      BigDecimal value = ranked.get(i).value();
      int rank =
          i > 0 && sameValue(ranked.get(i - 1).value(), value) ? rows.get(i - 1).rank() : i + 1;
      Scope scope = Scope.parse(ranked.get(i).scope());
      BigDecimal attainment =
          (byCustomers
                  ? Optional.<BigDecimal>empty()
                  : context.targets.target(scope, range, metric))
              .map(target -> value == null ? null : Targets.ratio(value, target))
              .orElse(null);
      rows.add(
          new LeaderboardAnswer.Row(
              rank, scope.toString(), context.name(scope), value, attainment));
    }
    return new LeaderboardAnswer(
        kind.prefix(),
        metricCode,
        range.period().code(),
        range.from(),
        range.to(),
        context.calendar.zone().getId(),
        QueryContext.asOf(newest),
        context.stale(),
        rows);
  }

  private static BigDecimal customerValue(
      Partials.CustomerTally tally, String code, PeriodRange range) {
    Object value = CustomerCounts.of(tally, range).get(code);
    return value instanceof Long count ? BigDecimal.valueOf(count) : (BigDecimal) value;
  }

  /** A scope and its metric's value, null when the metric has none. */
  private record Ranked(String scope, BigDecimal value) {}

  private static boolean sameValue(BigDecimal previous, BigDecimal value) {
    return previous == null ? value == null : value != null && previous.compareTo(value) == 0;
  }
}
