package dev.salespulse.web.metrics;

import dev.salespulse.streams.query.KpiAnswer;
import dev.salespulse.streams.query.KpiQueryService;
import dev.salespulse.streams.query.LeaderboardAnswer;
import dev.salespulse.streams.query.LeaderboardService;
import dev.salespulse.streams.query.QueryTooCostlyException;
import dev.salespulse.streams.query.ScopeDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Business gauges for Prometheus (contract, "Metrics for Prometheus"): revenue, orders, calls,
 * target attainment and pace of the company, every region and every team (every rep too with {@code
 * SALESPULSE_METRICS_REP_LEVEL=true}) for today, week to date and month to date, read from the
 * stores every {@link #REFRESH_SECONDS} seconds. They are exact totals, not rates that {@code
 * increase()} would have to guess at. Series are labelled {@code scope} and {@code period} only, so
 * their number grows with teams and regions, not with reps or customers, and at most {@link
 * #MAX_SCOPES_PER_KIND} scopes of each kind are shown: teams and regions come from the events (an
 * event's own {@code teamId} and {@code region} win over the roster's), so without a bound a
 * producer inventing them would grow {@code /metrics} and the refresh's work without end. Past the
 * bound the gauges show the scopes with the most revenue this month. A scope that disappears loses
 * its series.
 *
 * <p>A refresh that fails (stores not queryable, another instance unreachable) keeps the last
 * values; {@code salespulse_business_gauges_refreshed_timestamp_seconds} says when they were last
 * read, so an alert can tell values that stopped moving from a quiet sales floor.
 */
public final class BusinessGauges implements AutoCloseable {
  static final long REFRESH_SECONDS = 15;

  /** The most regions, teams (and reps) the gauges show: 15 series each, 3,000 a kind. */
  static final int MAX_SCOPES_PER_KIND = 200;

  private static final List<String> PERIODS = List.of("today", "wtd", "mtd");
  private static final Logger LOG = LoggerFactory.getLogger(BusinessGauges.class);

  /** A gauge and the KPI it shows. */
  private enum Gauge {
    REVENUE("salespulse.revenue", "revenue", "Net revenue in the reporting currency"),
    ORDERS("salespulse.orders", "orders", "Placed minus cancelled orders"),
    CALLS("salespulse.calls", "calls", "Calls made"),
    ATTAINMENT(
        "salespulse.target.attainment.ratio", "attainment", "Revenue over the revenue target"),
    PACE(
        "salespulse.target.pace.ratio",
        "pace",
        "Revenue over the part of the revenue target expected by now");

    final String meter;
    final String kpi;
    final String description;

    Gauge(String meter, String kpi, String description) {
      this.meter = meter;
      this.kpi = kpi;
      this.description = description;
    }
  }

  private final KpiQueryService kpis;
  private final ScopeDirectory scopes;
  private final LeaderboardService leaderboards;
  private final boolean repLevel;
  private final Set<String> cappedKinds = new HashSet<>();
  private final Map<Gauge, MultiGauge> gauges = new EnumMap<>(Gauge.class);
  private final AtomicLong refreshedAtMillis;
  private boolean failing;
  private final ScheduledExecutorService refresher =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "business-gauges");
            thread.setDaemon(true);
            return thread;
          });

  public BusinessGauges(
      KpiQueryService kpis,
      ScopeDirectory scopes,
      LeaderboardService leaderboards,
      boolean repLevel,
      MeterRegistry registry) {
    this.kpis = kpis;
    this.scopes = scopes;
    this.leaderboards = leaderboards;
    this.repLevel = repLevel;
    // Wall-clock time, as Prometheus' time() compares it; from the start, so gauges that never
    // manage a refresh age like ones that stopped.
    this.refreshedAtMillis = new AtomicLong(System.currentTimeMillis());
    io.micrometer.core.instrument.Gauge.builder(
            "salespulse.business.gauges.refreshed.timestamp",
            refreshedAtMillis,
            at -> at.get() / 1000.0)
        .baseUnit("seconds")
        .description("When the business gauges were last read from the stores (Unix time)")
        .register(registry);
    for (Gauge gauge : Gauge.values()) {
      gauges.put(
          gauge, MultiGauge.builder(gauge.meter).description(gauge.description).register(registry));
    }
    refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH_SECONDS, TimeUnit.SECONDS);
  }

  private void refresh() {
    try {
      Map<Gauge, List<MultiGauge.Row<?>>> rows = new EnumMap<>(Gauge.class);
      for (Gauge gauge : Gauge.values()) {
        rows.put(gauge, new ArrayList<>());
      }
      for (String scope : watchedScopes()) {
        for (String period : PERIODS) {
          KpiAnswer answer = kpis.kpis(scope, period);
          Tags tags = Tags.of("scope", scope, "period", period);
          for (Gauge gauge : Gauge.values()) {
            if (answer.kpis().get(gauge.kpi) instanceof Number value) {
              rows.get(gauge).add(MultiGauge.Row.of(tags, value.doubleValue()));
            }
          }
        }
      }
      rows.forEach((gauge, values) -> gauges.get(gauge).register(values, true));
      refreshedAtMillis.set(System.currentTimeMillis());
      if (failing) {
        LOG.info("Business gauges are refreshed again");
        failing = false;
      }
    } catch (RuntimeException e) {
      if (!failing) {
        LOG.warn("Business gauges not refreshed, keeping the last values: {}", e.getMessage());
        failing = true;
      }
      LOG.debug("Business gauges not refreshed", e);
    }
  }

  private List<String> watchedScopes() {
    List<String> watched = new ArrayList<>(List.of("company:all"));
    List<String> kinds = repLevel ? List.of("region", "team", "rep") : List.of("region", "team");
    for (String kind : kinds) {
      List<String> all = scopes.scopes(kind).stream().map(ScopeDirectory.Entry::scope).toList();
      if (all.size() > MAX_SCOPES_PER_KIND && cappedKinds.add(kind)) {
        LOG.warn(
            "{} {} scopes: the business gauges show the {} with the most revenue this month",
            all.size(),
            kind,
            MAX_SCOPES_PER_KIND);
      }
      watched.addAll(capped(all, () -> largestThisMonth(kind), MAX_SCOPES_PER_KIND));
    }
    return watched;
  }

  /** The kind's scopes with the most revenue this month; none when ranking them costs too much. */
  private List<String> largestThisMonth(String kind) {
    try {
      return leaderboards
          .leaderboard(kind, "revenue", "mtd", MAX_SCOPES_PER_KIND, null, null)
          .rows()
          .stream()
          .map(LeaderboardAnswer.Row::scope)
          .toList();
    } catch (QueryTooCostlyException e) {
      LOG.debug("Business gauges: the {} scopes not ranked by revenue", kind, e);
      return List.of();
    }
  }

  /**
   * All of {@code scopes} when there are at most {@code max}; else the {@code largest} first,
   * filled up to {@code max} in the directory's order.
   */
  static List<String> capped(List<String> scopes, Supplier<List<String>> largest, int max) {
    if (scopes.size() <= max) {
      return scopes;
    }
    Set<String> chosen = new LinkedHashSet<>();
    largest.get().stream().limit(max).forEach(chosen::add);
    for (String scope : scopes) {
      if (chosen.size() >= max) {
        break;
      }
      chosen.add(scope);
    }
    return List.copyOf(chosen);
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }
}
