package dev.salespulse.streams.query;

import dev.salespulse.streams.config.ReportingConfig;
import dev.salespulse.streams.events.RosterEntry;
import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.stores.Scope;
import dev.salespulse.streams.stores.ScopeKind;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The manager view's tables as one answer: every rep (or team, or region) within a filter scope,
 * with all its KPIs and its revenue target's progress. One pass over the period's sums of the
 * dimension (as a leaderboard makes), plus the expected share for the scopes with a target (as
 * their own KPI answer would). Customer counts are not in it: they read every customer of the
 * period once per scope.
 *
 * <p>Which scopes: those with events in the period plus, for reps, teams and regions, those the
 * roster names. A scope is within a region or team when a rep on the roster ties it to that region
 * or team; a scope known only from events is within the company alone.
 */
public final class TableService {
  private static final Set<ScopeKind> DIMENSIONS =
      Set.of(ScopeKind.REP, ScopeKind.TEAM, ScopeKind.REGION);
  private static final Set<ScopeKind> FILTERS =
      Set.of(ScopeKind.COMPANY, ScopeKind.REGION, ScopeKind.TEAM);
  private static final List<String> TARGET_FIELDS =
      List.of("target", "attainment", "pace", "projected", "gap");
  private static final Set<String> MONEY_FIELDS = Set.of("target", "projected", "gap");

  private final QueryContext context;

  public TableService(ReportingConfig config, int queryCostLimit, KpiStores stores, Clock clock) {
    this(config, queryCostLimit, stores, new LocalPartials(stores), clock);
  }

  /** Answers from the given partial sums (e.g. those of every instance of the cluster). */
  public TableService(
      ReportingConfig config,
      int queryCostLimit,
      KpiStores stores,
      Partials partials,
      Clock clock) {
    this.context = new QueryContext(config, queryCostLimit, stores, partials, clock);
  }

  /**
   * @param dimension rep, team or region: what a row is
   * @param filterKey company:all, region:… or team:…: which rows
   * @throws IllegalArgumentException for another dimension or filter, or an unknown period
   * @throws QueryTooCostlyException when days × rows is above the cost limit
   */
  public TableAnswer table(
      String dimension, String filterKey, String periodCode, String from, String to) {
    ScopeKind kind =
        ScopeKind.of(dimension)
            .filter(DIMENSIONS::contains)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown dimension '"
                            + dimension
                            + "'; a table is of rep, team or region"));
    Scope filter = Scope.parse(filterKey);
    if (!FILTERS.contains(filter.kind())) {
      throw new IllegalArgumentException(
          "a table is filtered by company:all, a region or a team, not " + filter);
    }
    PeriodRange range = context.period(periodCode, from, to);
    Map<String, List<RosterEntry>> roster = roster(kind);
    Map<String, KpiTotals> sums = context.sums.sumAll(kind.prefix() + ":", range);
    TreeSet<String> keys = new TreeSet<>(sums.keySet());
    keys.addAll(roster.keySet());

    keys.removeIf(key -> !within(filter, roster.getOrDefault(key, List.of())));
    context.checkCost(
        QueryCost.daysOf(range),
        keys.size(),
        1,
        "ask for a shorter period or filter by a region or team");

    int digits = context.config.currencyDigits();
    Map<String, Share> shares = new HashMap<>();
    List<TableAnswer.Row> rows = new ArrayList<>();
    long newest = Long.MIN_VALUE;
    for (String key : keys) {
      Scope scope = Scope.parse(key);
      List<RosterEntry> reps = roster.getOrDefault(key, List.of());
      KpiTotals totals = sums.getOrDefault(key, KpiTotals.EMPTY);
      newest = Math.max(newest, totals.lastEventMs());
      rows.add(row(scope, kind, reps, totals, range, digits, shares));
    }
    rows.sort(
        Comparator.comparing(
                (TableAnswer.Row row) -> (BigDecimal) row.kpis().get(Metric.REVENUE.code()))
            .reversed()
            .thenComparing(TableAnswer.Row::scope));
    return new TableAnswer(
        kind.prefix(),
        filter.toString(),
        range.period().code(),
        range.from(),
        range.to(),
        context.calendar.zone().getId(),
        QueryContext.asOf(newest),
        context.stale(),
        context.config.currency(),
        rows);
  }

  private TableAnswer.Row row(
      Scope scope,
      ScopeKind kind,
      List<RosterEntry> reps,
      KpiTotals totals,
      PeriodRange range,
      int digits,
      Map<String, Share> shares) {
    Map<String, Object> kpis = KpiQueryService.kpis(totals, digits);
    // Scopes shaped by the same past days (every rep: the company's) share one expected share.
    Map<String, BigDecimal> revenue =
        context
            .targets
            .progress(
                scope,
                range,
                totals,
                () ->
                    shares.computeIfAbsent(
                        ExpectedShare.shapeOf(scope.toString()),
                        shape ->
                            context.expectedShare.of(
                                scope.toString(), range, context.clock.instant())))
            .getOrDefault(Metric.REVENUE.code(), Map.of());
    for (String field : TARGET_FIELDS) {
      BigDecimal value = revenue.get(field);
      kpis.put(field, MONEY_FIELDS.contains(field) ? atLeast(value, digits) : value);
    }
    Scope team =
        kind == ScopeKind.REP && !reps.isEmpty()
            ? Scope.of(ScopeKind.TEAM, reps.get(0).teamId())
            : null;
    String region =
        kind == ScopeKind.REGION
            ? null
            : reps.stream().map(RosterEntry::region).sorted().findFirst().orElse(null);
    return new TableAnswer.Row(
        scope.toString(),
        context.name(scope),
        team == null ? null : team.toString(),
        team == null ? null : context.name(team),
        region == null ? null : Scope.of(ScopeKind.REGION, region).toString(),
        kpis);
  }

  /** A target is stored as given (5000): shown with the currency's digits (5000.00). */
  private static BigDecimal atLeast(BigDecimal money, int digits) {
    return money == null || money.scale() >= digits ? money : money.setScale(digits);
  }

  private static boolean within(Scope filter, List<RosterEntry> reps) {
    return switch (filter.kind()) {
      case COMPANY -> true;
      case REGION -> reps.stream().anyMatch(r -> r.region().equals(filter.id()));
      case TEAM -> reps.stream().anyMatch(r -> r.teamId().equals(filter.id()));
      default -> false;
    };
  }

  private static Scope scopeOf(ScopeKind kind, RosterEntry rep) {
    return switch (kind) {
      case REP -> Scope.of(ScopeKind.REP, rep.repId());
      case TEAM -> Scope.of(ScopeKind.TEAM, rep.teamId());
      default -> Scope.of(ScopeKind.REGION, rep.region());
    };
  }

  /** The reps on the roster by the scope of the dimension they belong to, in rep id order. */
  private Map<String, List<RosterEntry>> roster(ScopeKind kind) {
    Map<String, RosterEntry> reps = new TreeMap<>();
    try (KeyValueIterator<String, String> all = context.stores.reps().get().all()) {
      all.forEachRemaining(
          entry -> RosterEntry.parse(entry.value).ifPresent(rep -> reps.put(rep.repId(), rep)));
    }
    Map<String, List<RosterEntry>> byScope = new TreeMap<>();
    for (RosterEntry rep : reps.values()) {
      byScope.computeIfAbsent(scopeOf(kind, rep).toString(), k -> new ArrayList<>()).add(rep);
    }
    return byScope;
  }
}
