package dev.salespulse.streams.query;

import dev.salespulse.streams.config.ReportingConfig;
import java.time.Clock;

/**
 * The read side's one entry point: every query service, built once over one shared {@link
 * QueryContext} (settings, calendar, clock, stores, partial sums, targets). Callers ask it for the
 * service they need.
 */
public final class Queries {
  private final KpiQueryService kpis;
  private final LeaderboardService leaderboard;
  private final TimeseriesService timeseries;
  private final ScopeDirectory scopes;
  private final TableService table;

  private Queries(QueryContext context) {
    this.kpis = new KpiQueryService(context);
    this.leaderboard = new LeaderboardService(context);
    this.timeseries = new TimeseriesService(context);
    this.scopes = new ScopeDirectory(context);
    this.table = new TableService(context);
  }

  /**
   * Queries answered from the given partial sums (e.g. those of every instance of the cluster).
   *
   * @param costLimit {@code SALESPULSE_QUERY_COST_LIMIT}
   */
  public static Queries of(
      ReportingConfig reporting, int costLimit, KpiStores stores, Partials partials, Clock clock) {
    return new Queries(new QueryContext(reporting, costLimit, stores, partials, clock));
  }

  /** Queries answered from this instance's stores alone. */
  public static Queries local(
      ReportingConfig reporting, int costLimit, KpiStores stores, Clock clock) {
    return of(reporting, costLimit, stores, new LocalPartials(stores), clock);
  }

  public KpiQueryService kpis() {
    return kpis;
  }

  public LeaderboardService leaderboard() {
    return leaderboard;
  }

  public TimeseriesService timeseries() {
    return timeseries;
  }

  public ScopeDirectory scopes() {
    return scopes;
  }

  public TableService table() {
    return table;
  }
}
