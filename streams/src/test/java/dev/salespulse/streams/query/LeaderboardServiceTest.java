package dev.salespulse.streams.query;

import static dev.salespulse.streams.testing.ActivityEventBuilder.aCall;
import static dev.salespulse.streams.testing.OrderEventBuilder.aRefundOf;
import static dev.salespulse.streams.testing.OrderEventBuilder.anOrder;
import static dev.salespulse.streams.testing.Reps.ADA;
import static dev.salespulse.streams.testing.Reps.BEN;
import static dev.salespulse.streams.testing.Reps.CHO;
import static dev.salespulse.streams.testing.Reps.ZED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.salespulse.streams.query.LeaderboardAnswer.Row;
import dev.salespulse.streams.testing.OrderEventBuilder;
import dev.salespulse.streams.testing.TopologyHarness;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Leaderboards through the real topology: every scope of a kind ranked by one metric over a period,
 * ties sharing a rank and ordered by scope key, scopes without a value last.
 */
class LeaderboardServiceTest {
  private static final Instant NOW = TopologyHarness.WALL_CLOCK_START;
  private static final Instant MORNING = Instant.parse("2026-11-26T09:15:00Z");
  private static final Instant NOON = Instant.parse("2026-11-26T12:00:00Z");
  private static final Instant AFTERNOON = Instant.parse("2026-11-26T14:59:59Z");
  private static final Instant YESTERDAY = Instant.parse("2026-11-25T18:00:00Z");

  private TopologyHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void shouldRankRepsByRevenueWithExactValuesAndNames() {
    harness = TopologyHarness.start().roster(ADA, BEN, CHO);
    OrderEventBuilder choBig = anOrder().rep(CHO).amount("500.00").at(MORNING);
    harness.send(
        anOrder().rep(ADA).amount("1250.50").at(MORNING),
        anOrder().rep(BEN).amount("99.99").at(NOON),
        choBig,
        aRefundOf(choBig.orderId(), "100.00").at(NOON),
        anOrder().rep(ZED).amount("10.00").at(NOON),
        anOrder().rep(ADA).amount("0.01").at(AFTERNOON),
        anOrder().rep(BEN).amount("5000.00").at(YESTERDAY));

    LeaderboardAnswer answer =
        harness.leaderboards(NOW).leaderboard("rep", "revenue", "today", 10, null, null);

    assertThat(answer.dimension()).isEqualTo("rep");
    assertThat(answer.metric()).isEqualTo("revenue");
    assertThat(answer.period()).isEqualTo("today");
    assertThat(answer.from()).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
    assertThat(answer.to()).isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));
    assertThat(answer.asOf()).isEqualTo(AFTERNOON);
    assertThat(answer.stale()).isFalse();
    assertThat(answer.rows())
        .containsExactly(
            row(1, "rep:rep-ada", "Ada Park", "1250.51"),
            row(2, "rep:rep-cho", "Cho Min", "400.00"),
            row(3, "rep:rep-ben", "Ben Okafor", "99.99"),
            row(4, "rep:rep-zed", "rep-zed", "10.00"));
  }

  @Test
  void shouldLetTiesShareARankAndOrderThemByScopeKey() {
    harness = TopologyHarness.start().roster(ADA, BEN, CHO);
    harness.send(
        anOrder().rep(CHO).amount("50.00").at(MORNING),
        anOrder().rep(BEN).amount("100.00").at(MORNING),
        anOrder().rep(ZED).amount("50.00").at(MORNING),
        anOrder().rep(ADA).amount("60.00").at(NOON),
        anOrder().rep(ADA).amount("40.00").at(NOON));

    LeaderboardAnswer answer =
        harness.leaderboards(NOW).leaderboard("rep", "revenue", "today", 10, null, null);

    assertThat(answer.rows())
        .containsExactly(
            row(1, "rep:rep-ada", "Ada Park", "100.00"),
            row(1, "rep:rep-ben", "Ben Okafor", "100.00"),
            row(3, "rep:rep-cho", "Cho Min", "50.00"),
            row(3, "rep:rep-zed", "rep-zed", "50.00"));
  }

  @Test
  void shouldReturnOnlyTheTopRowsUpToTheLimit() {
    harness = TopologyHarness.start().roster(ADA, BEN, CHO);
    harness.send(
        anOrder().rep(ADA).amount("30.00").at(MORNING),
        anOrder().rep(BEN).amount("20.00").at(MORNING),
        anOrder().rep(CHO).amount("10.00").at(MORNING));

    LeaderboardService leaderboards = harness.leaderboards(NOW);

    assertThat(leaderboards.leaderboard("rep", "revenue", "today", 2, null, null).rows())
        .containsExactly(
            row(1, "rep:rep-ada", "Ada Park", "30.00"),
            row(2, "rep:rep-ben", "Ben Okafor", "20.00"));
    assertThat(leaderboards.leaderboard("rep", "revenue", "today", 1, null, null).rows())
        .containsExactly(row(1, "rep:rep-ada", "Ada Park", "30.00"));
    assertThat(leaderboards.leaderboard("rep", "revenue", "today", 500, null, null).rows())
        .hasSize(3);
  }

  @Test
  void shouldKeepTheSharedRankOfATieCutByTheLimit() {
    harness = TopologyHarness.start().roster(ADA, BEN, CHO);
    harness.send(
        anOrder().rep(ADA).amount("30.00").at(MORNING),
        anOrder().rep(BEN).amount("20.00").at(MORNING),
        anOrder().rep(CHO).amount("20.00").at(MORNING));

    LeaderboardAnswer answer =
        harness.leaderboards(NOW).leaderboard("rep", "revenue", "today", 2, null, null);

    assertThat(answer.rows())
        .containsExactly(
            row(1, "rep:rep-ada", "Ada Park", "30.00"),
            row(2, "rep:rep-ben", "Ben Okafor", "20.00"));
  }

  @Test
  void shouldRankTeamsByTheSumOfTheirReps() {
    harness = TopologyHarness.start().roster(ADA, BEN, CHO);
    harness.send(
        anOrder().rep(ADA).amount("70.00").at(MORNING),
        anOrder().rep(BEN).amount("40.00").at(MORNING),
        anOrder().rep(CHO).amount("100.00").at(MORNING),
        anOrder().rep(ZED).amount("1.50").at(MORNING));

    LeaderboardAnswer answer =
        harness.leaderboards(NOW).leaderboard("team", "revenue", "today", 10, null, null);

    assertThat(answer.dimension()).isEqualTo("team");
    assertThat(answer.rows())
        .containsExactly(
            row(1, "team:team-north", "North", "110.00"),
            row(2, "team:team-south", "South", "100.00"),
            row(3, "team:unassigned", "Unassigned", "1.50"));
  }

  @Test
  void shouldRankRegionsByOrders() {
    harness = TopologyHarness.start().roster(ADA, BEN, CHO);
    harness.send(
        anOrder().rep(ADA).at(MORNING),
        anOrder().rep(BEN).at(MORNING),
        anOrder().rep(CHO).at(MORNING),
        anOrder().rep(CHO).at(NOON),
        anOrder().rep(CHO).at(NOON));

    LeaderboardAnswer answer =
        harness.leaderboards(NOW).leaderboard("region", "orders", "today", 10, null, null);

    assertThat(answer.rows())
        .containsExactly(row(1, "region:AMER", "AMER", "3"), row(2, "region:EMEA", "EMEA", "2"));
  }

  @Test
  void shouldRankChannelsOfOrdersThatNameOne() {
    harness = TopologyHarness.start().roster(ADA, BEN);
    harness.send(
        anOrder().rep(ADA).channel("phone").amount("20.00").at(MORNING),
        anOrder().rep(BEN).channel("web").amount("35.25").at(MORNING),
        anOrder().rep(BEN).channel("phone").amount("10.00").at(NOON),
        anOrder().rep(ADA).amount("999.00").at(NOON));

    LeaderboardAnswer answer =
        harness.leaderboards(NOW).leaderboard("channel", "revenue", "today", 10, null, null);

    assertThat(answer.rows())
        .containsExactly(
            row(1, "channel:web", "web", "35.25"), row(2, "channel:phone", "phone", "30.00"));
  }

  @Test
  void shouldRankCategoriesByTheirLinesAmounts() {
    harness = TopologyHarness.start().roster(ADA);
    harness.send(
        anOrder()
            .amount("1300.50")
            .with(
                "lines",
                "[{\"sku\":\"SKU-1\",\"category\":\"hardware\",\"quantity\":2,\"unitPrice\":625.25},"
                    + "{\"sku\":\"SKU-2\",\"category\":\"services\",\"quantity\":1,\"unitPrice\":50}]")
            .at(MORNING),
        anOrder()
            .amount("90.00")
            .with(
                "lines",
                "[{\"sku\":\"SKU-3\",\"category\":\"services\",\"quantity\":3,\"unitPrice\":30}]")
            .at(NOON));

    LeaderboardService leaderboards = harness.leaderboards(NOW);

    assertThat(leaderboards.leaderboard("category", "revenue", "today", 10, null, null).rows())
        .containsExactly(
            row(1, "category:hardware", "hardware", "1250.50"),
            row(2, "category:services", "services", "140.00"));
    assertThat(leaderboards.leaderboard("category", "units", "today", 10, null, null).rows())
        .containsExactly(
            row(1, "category:services", "services", "4"),
            row(2, "category:hardware", "hardware", "2"));
  }

  @Test
  void shouldRankARatioFromSummedCountsAndPutScopesWithoutADenominatorLast() {
    harness = TopologyHarness.start().roster(ADA, BEN, CHO);
    harness.send(
        aCall().rep(ADA).outcome("CONNECTED").at(MORNING),
        aCall().rep(ADA).outcome("NO_ANSWER").at(MORNING),
        aCall().rep(BEN).outcome("CONNECTED").at(MORNING),
        aCall().rep(BEN).outcome("CONNECTED").at(NOON),
        aCall().rep(BEN).outcome("CONNECTED").at(NOON));
    harness.send(anOrder().rep(CHO).at(NOON), anOrder().rep(ZED).at(NOON));

    LeaderboardService leaderboards = harness.leaderboards(NOW);

    assertThat(leaderboards.leaderboard("rep", "connectRate", "today", 10, null, null).rows())
        .containsExactly(
            row(1, "rep:rep-ben", "Ben Okafor", "1.0000"),
            row(2, "rep:rep-ada", "Ada Park", "0.5000"),
            new Row(3, "rep:rep-cho", "Cho Min", null, null),
            new Row(3, "rep:rep-zed", "rep-zed", null, null));
    // North made 4 connections out of 5 calls: 0.8, not the mean of 1.0 and 0.5.
    assertThat(leaderboards.leaderboard("team", "connectRate", "today", 10, null, null).rows())
        .containsExactly(
            row(1, "team:team-north", "North", "0.8000"),
            new Row(2, "team:team-south", "South", null, null),
            new Row(2, "team:unassigned", "Unassigned", null, null));
  }

  @Test
  void shouldSumEveryDayOfTheWeekSoFarForWtd() {
    harness = TopologyHarness.start().roster(ADA, BEN);
    harness.send(
        anOrder().rep(BEN).amount("1000.00").at("2026-11-22T23:59:59Z"),
        anOrder().rep(ADA).amount("100.00").at("2026-11-23T00:00:00Z"),
        anOrder().rep(ADA).amount("200.00").at("2026-11-24T10:00:00Z"),
        anOrder().rep(BEN).amount("250.00").at("2026-11-25T10:00:00Z"),
        anOrder().rep(ADA).amount("50.00").at(MORNING));

    LeaderboardAnswer answer =
        harness.leaderboards(NOW).leaderboard("rep", "revenue", "wtd", 10, null, null);

    assertThat(answer.period()).isEqualTo("wtd");
    assertThat(answer.from()).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
    assertThat(answer.to()).isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));
    assertThat(answer.rows())
        .containsExactly(
            row(1, "rep:rep-ada", "Ada Park", "350.00"),
            row(2, "rep:rep-ben", "Ben Okafor", "250.00"));
  }

  @Test
  void shouldRankTheLastSixtyMinutesFromMinuteBuckets() {
    Instant now = Instant.parse("2026-11-26T15:00:30Z");
    harness = TopologyHarness.start().roster(ADA, BEN, CHO);
    harness.send(
        anOrder().rep(ADA).amount("100.00").at("2026-11-26T13:59:00Z"),
        anOrder().rep(BEN).amount("500.00").at("2026-11-26T14:00:59Z"),
        anOrder().rep(ADA).amount("10.00").at("2026-11-26T14:01:00Z"),
        anOrder().rep(BEN).amount("20.00").at("2026-11-26T14:30:00Z"),
        anOrder().rep(CHO).amount("5.00").at("2026-11-26T14:59:59Z"),
        anOrder().rep(CHO).amount("30.00").at("2026-11-26T15:00:10Z"));

    LeaderboardService leaderboards = harness.leaderboards(now);
    LeaderboardAnswer lastHour =
        leaderboards.leaderboard("rep", "revenue", "last60m", 10, null, null);

    assertThat(lastHour.from()).isEqualTo(Instant.parse("2026-11-26T14:01:00Z"));
    assertThat(lastHour.to()).isEqualTo(Instant.parse("2026-11-26T15:01:00Z"));
    assertThat(lastHour.asOf()).isEqualTo(Instant.parse("2026-11-26T15:00:10Z"));
    assertThat(lastHour.rows())
        .containsExactly(
            row(1, "rep:rep-cho", "Cho Min", "35.00"),
            row(2, "rep:rep-ben", "Ben Okafor", "20.00"),
            row(3, "rep:rep-ada", "Ada Park", "10.00"));
    assertThat(leaderboards.leaderboard("rep", "revenue", "today", 10, null, null).rows())
        .containsExactly(
            row(1, "rep:rep-ben", "Ben Okafor", "520.00"),
            row(2, "rep:rep-ada", "Ada Park", "110.00"),
            row(3, "rep:rep-cho", "Cho Min", "35.00"));
  }

  @Test
  void shouldRankACustomPeriodOfWholeDays() {
    harness = TopologyHarness.start().roster(ADA, BEN);
    harness.send(
        anOrder().rep(ADA).amount("10.00").at("2026-11-24T10:00:00Z"),
        anOrder().rep(BEN).amount("15.00").at("2026-11-25T10:00:00Z"),
        anOrder().rep(ADA).amount("99.00").at(MORNING));

    LeaderboardAnswer answer =
        harness
            .leaderboards(NOW)
            .leaderboard("rep", "revenue", "custom", 10, "2026-11-24", "2026-11-26");

    assertThat(answer.period()).isEqualTo("custom");
    assertThat(answer.rows())
        .containsExactly(
            row(1, "rep:rep-ben", "Ben Okafor", "15.00"),
            row(2, "rep:rep-ada", "Ada Park", "10.00"));
  }

  @Test
  void shouldAnswerNoRowsAndNoAsOfWhenNothingWasCounted() {
    harness = TopologyHarness.start().roster(ADA);

    LeaderboardAnswer answer =
        harness.leaderboards(NOW).leaderboard("rep", "revenue", "today", 10, null, null);

    assertThat(answer.rows()).isEmpty();
    assertThat(answer.asOf()).isNull();
  }

  @Test
  void shouldRankEveryScopeOfAKindWhateverCharactersItsIdStartsWith() {
    // Scope ids are free text from producers; one starting with a character outside the Basic
    // Multilingual Plane (4 bytes in UTF-8) must still be a scope of its kind.
    harness = TopologyHarness.start().roster(ADA);
    harness.send(
        anOrder().channel("\uD83E\uDD1Dpartner").amount("70.00").at(MORNING),
        anOrder().channel("web").amount("20.00").at(MORNING));

    LeaderboardAnswer answer =
        harness.leaderboards(NOW).leaderboard("channel", "revenue", "today", 10, null, null);

    assertThat(answer.rows())
        .containsExactly(
            row(1, "channel:\uD83E\uDD1Dpartner", "\uD83E\uDD1Dpartner", "70.00"),
            row(2, "channel:web", "web", "20.00"));
  }

  @Test
  void shouldRejectAnUnknownDimensionMetricOrPeriod() {
    harness = TopologyHarness.start();
    LeaderboardService leaderboards = harness.leaderboards(NOW);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> leaderboards.leaderboard("planet", "revenue", "today", 10, null, null))
        .withMessageContaining("planet");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> leaderboards.leaderboard("rep", "profit", "today", 10, null, null))
        .withMessageContaining("profit");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> leaderboards.leaderboard("rep", "revenue", "fortnight", 10, null, null))
        .withMessageContaining("fortnight");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> leaderboards.leaderboard("rep", "revenue", "today", 10, "2026-11-25", null));
  }

  @Test
  void shouldRejectALimitOutsideOneToFiveHundred() {
    harness = TopologyHarness.start();
    LeaderboardService leaderboards = harness.leaderboards(NOW);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> leaderboards.leaderboard("rep", "revenue", "today", 0, null, null))
        .withMessageContaining("limit");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> leaderboards.leaderboard("rep", "revenue", "today", 501, null, null))
        .withMessageContaining("limit");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> leaderboards.leaderboard("rep", "revenue", "today", -1, null, null));
  }

  /** A row without a target; {@code value} as decimal text ("1250.51", "3", "0.5000"). */
  private static Row row(int rank, String scope, String name, String value) {
    return new Row(rank, scope, name, new BigDecimal(value), null);
  }
}
