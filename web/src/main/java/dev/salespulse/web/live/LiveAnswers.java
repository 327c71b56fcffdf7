package dev.salespulse.web.live;

import dev.salespulse.streams.query.KpiAnswer;
import dev.salespulse.streams.query.KpiQueryService;
import dev.salespulse.streams.query.LeaderboardAnswer;
import dev.salespulse.streams.query.LeaderboardService;
import dev.salespulse.streams.stores.Scope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The KPI and leaderboard answers shared by every REST client and the live feed: a thousand
 * wallboards asking for the same scope and period within {@link #MAX_AGE} cost one query. An answer
 * is computed anew after that long, or as soon as {@code sales.kpi-changes} reports a change of its
 * scope (a leaderboard: of any scope), so whatever moved (the clock, the {@code stale} flag,
 * targets) it follows within {@link #MAX_AGE}. Callers that ask while it is computed anew get the
 * previous answer rather than queue ({@link TickCache}). The live feed computes its answers anew at
 * each push and leaves them here for REST callers. Answers that failed (a 400, a 503) are not kept.
 */
public final class LiveAnswers {
  /**
   * The longest an answer is kept: short, since a kept answer is as old as when it was computed and
   * a change only drops it once {@code sales.kpi-changes} reports it (a commit or two after the
   * stores have it), while a thousand callers of the same question still cost at most ten queries a
   * second.
   */
  public static final Duration MAX_AGE = Duration.ofMillis(100);

  /** Entries of each cache: about a few KB each, so a few MB at most. */
  static final int MAX_ENTRIES = 2_048;

  private final KpiSource kpis;
  private final LeaderboardSource leaderboards;
  private final TickCache<KpiQuestion, KpiAnswer> kpiAnswers;
  private final TickCache<LeaderboardQuestion, LeaderboardAnswer> leaderboardAnswers;
  private final Consumer<TickCache.Outcome> count;

  public LiveAnswers(
      KpiQueryService kpis,
      LeaderboardService leaderboards,
      Duration tick,
      MeterRegistry registry) {
    this(kpis::kpis, leaderboards::leaderboard, tick, registry, System::nanoTime);
  }

  LiveAnswers(
      KpiSource kpis,
      LeaderboardSource leaderboards,
      Duration tick,
      MeterRegistry registry,
      LongSupplier nanoTime) {
    this.kpis = kpis;
    this.leaderboards = leaderboards;
    this.kpiAnswers = new TickCache<>(tick.toNanos(), MAX_ENTRIES, nanoTime);
    this.leaderboardAnswers = new TickCache<>(tick.toNanos(), MAX_ENTRIES, nanoTime);
    Counter hits = lookups(registry, "hit");
    Counter misses = lookups(registry, "miss");
    this.count = outcome -> (outcome == TickCache.Outcome.HIT ? hits : misses).increment();
  }

  private static Counter lookups(MeterRegistry registry, String result) {
    return Counter.builder("salespulse.answers.lookups")
        .description("KPI and leaderboard answers asked for, by whether one of this tick was kept")
        .tag("result", result)
        .register(registry);
  }

  /**
   * A KPI answer computed now, for the live feed's pushes (one per pass and scope, shared by every
   * client of the pass); it is then kept for REST callers.
   */
  KpiAnswer freshKpis(String scope, String period) {
    KpiQuestion question = new KpiQuestion(Scope.parse(scope).toString(), period, null, null);
    return kpiAnswers.refresh(question, () -> kpis.kpis(scope, period, null, null));
  }

  /** The service's {@code kpis} answer, shared within a tick. */
  public KpiAnswer kpis(String scope, String period, String from, String to) {
    KpiQuestion question = new KpiQuestion(Scope.parse(scope).toString(), period, from, to);
    return kpiAnswers.get(question, () -> kpis.kpis(scope, period, from, to), count);
  }

  /** The service's {@code leaderboard} answer, shared within a tick. */
  public LeaderboardAnswer leaderboard(
      String dimension, String metric, String period, int limit, String from, String to) {
    return leaderboardAnswers.get(
        new LeaderboardQuestion(dimension, metric, period, limit, from, to),
        () -> leaderboards.leaderboard(dimension, metric, period, limit, from, to),
        count);
  }

  /** Drops the answers these changed scopes make old; called before the clients hear of them. */
  void changed(Set<String> scopes) {
    kpiAnswers.invalidate(question -> scopes.contains(question.scope()));
    leaderboardAnswers.invalidate(question -> true);
  }

  /** Where KPI answers come from: {@link KpiQueryService#kpis(String, String, String, String)}. */
  interface KpiSource {
    KpiAnswer kpis(String scope, String period, String from, String to);
  }

  /** Where leaderboards come from: {@link LeaderboardService#leaderboard}. */
  interface LeaderboardSource {
    LeaderboardAnswer leaderboard(
        String dimension, String metric, String period, int limit, String from, String to);
  }

  private record KpiQuestion(String scope, String period, String from, String to) {}

  private record LeaderboardQuestion(
      String dimension, String metric, String period, int limit, String from, String to) {}
}
