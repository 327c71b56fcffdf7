package dev.salespulse.streams.query;

import static dev.salespulse.streams.testing.OrderEventBuilder.anOrder;
import static dev.salespulse.streams.testing.Reps.ADA;
import static dev.salespulse.streams.testing.Reps.BEN;
import static dev.salespulse.streams.testing.Reps.CHO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salespulse.streams.testing.TopologyHarness;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A query costs days × scopes × points; at the limit it is answered, one above it is refused with
 * its cost, the limit and what to change. The limit here is the lowest allowed, 100.
 */
class QueryCostLimitTest {
  private TopologyHarness harness;

  @BeforeEach
  void start() {
    harness =
        TopologyHarness.start(
                Map.of("SALESPULSE_QUERY_COST_LIMIT", "100"), TopologyHarness.WALL_CLOCK_START)
            .roster(ADA, BEN);
    harness.send(
        anOrder().rep(ADA).amount("1.00").at("2026-11-26T10:00:00Z"),
        anOrder().rep(BEN).amount("2.00").at("2026-11-26T10:00:00Z"),
        anOrder().rep(CHO).amount("3.00").at("2026-11-26T10:00:00Z"));
  }

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void shouldCostAKpiAnswerItsDays() {
    KpiQueryService kpis = harness.queryService(TopologyHarness.WALL_CLOCK_START);

    assertThat(kpis.kpis("company:all", "custom", "2026-08-19", "2026-11-27").kpis())
        .containsEntry("orders", 3L);
    assertThatThrownBy(() -> kpis.kpis("company:all", "custom", "2026-08-18", "2026-11-27"))
        .isInstanceOf(QueryTooCostlyException.class)
        .hasMessage(
            "this query costs 101 (101 days × 1 scope × 1 point), above the limit of 100"
                + " (SALESPULSE_QUERY_COST_LIMIT); ask for a shorter period");
  }

  @Test
  void shouldCostATimeSeriesItsDaysTimesItsPoints() {
    TimeseriesService series = harness.timeseries(TopologyHarness.WALL_CLOCK_START);

    assertThat(
            series
                .timeseries("company:all", "orders", "custom", "1d", "2026-11-17", "2026-11-27")
                .points())
        .hasSize(10);
    assertThatThrownBy(
            () ->
                series.timeseries(
                    "company:all", "orders", "custom", "1d", "2026-11-16", "2026-11-27"))
        .isInstanceOf(QueryTooCostlyException.class)
        .hasMessage(
            "this query costs 121 (11 days × 1 scope × 11 points), above the limit of 100"
                + " (SALESPULSE_QUERY_COST_LIMIT); ask for a shorter period or a longer step");
    // A day in quarter hours is 96 points; 48 hours in minutes are 2 days × 2,880 points.
    assertThat(series.timeseries("company:all", "orders", "today", "15m", null, null).points())
        .hasSize(96);
    assertThatThrownBy(
            () ->
                series.timeseries(
                    "company:all",
                    "orders",
                    "custom",
                    "1m",
                    "2026-11-24T15:00:00Z",
                    "2026-11-26T15:00:00Z"))
        .hasMessageStartingWith("this query costs 5760 (2 days × 1 scope × 2880 points)");
  }

  @Test
  void shouldCostALeaderboardEveryScopeItRanksWhateverItsLimit() {
    LeaderboardService boards = harness.leaderboards(TopologyHarness.WALL_CLOCK_START);

    assertThat(boards.leaderboard("rep", "revenue", "custom", 1, "2026-10-25", "2026-11-27").rows())
        .hasSize(1);
    QueryTooCostlyException refused =
        (QueryTooCostlyException)
            org.assertj.core.api.Assertions.catchThrowable(
                () ->
                    boards.leaderboard("rep", "revenue", "custom", 1, "2026-10-24", "2026-11-27"));
    assertThat(refused.cost()).isEqualTo(102);
    assertThat(refused.limit()).isEqualTo(100);
    assertThat(refused)
        .hasMessage(
            "this query costs 102 (34 days × 3 scopes × 1 point), above the limit of 100"
                + " (SALESPULSE_QUERY_COST_LIMIT); ask for a shorter period (every rep with"
                + " events in it is ranked)");
  }

  @Test
  void shouldCostATableItsRows() {
    TableService tables = harness.tables(TopologyHarness.WALL_CLOCK_START);

    // Team north has two reps on the roster: 50 days × 2 rows.
    assertThat(tables.table("rep", "team:team-north", "custom", "2026-10-08", "2026-11-27").rows())
        .hasSize(2);
    assertThatThrownBy(
            () -> tables.table("rep", "team:team-north", "custom", "2026-10-07", "2026-11-27"))
        .hasMessage(
            "this query costs 102 (51 days × 2 scopes × 1 point), above the limit of 100"
                + " (SALESPULSE_QUERY_COST_LIMIT); ask for a shorter period or filter by a region"
                + " or team");
  }

  @Test
  void shouldAlwaysAnswerTheScopesList() {
    assertThat(harness.scopes(TopologyHarness.WALL_CLOCK_START).scopes("rep")).hasSize(3);
  }
}
