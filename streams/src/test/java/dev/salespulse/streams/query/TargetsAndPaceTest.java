package dev.salespulse.streams.query;

import static dev.salespulse.streams.testing.OrderEventBuilder.anOrder;
import static dev.salespulse.streams.testing.Reps.ADA;
import static dev.salespulse.streams.testing.Reps.BEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.testing.TopologyHarness;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Targets, attainment, pace, projection and gap with exact values, for each way the expected share
 * is found: learned from the same weekday's history, business hours, the clock, and for a week.
 */
class TargetsAndPaceTest {
  /** Thursday 2026-11-26 13:30 UTC: half of the 09:00–18:00 business day is over. */
  private static final Instant THURSDAY_1330 = Instant.parse("2026-11-26T13:30:00Z");

  private TopologyHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  private void start(Instant now) {
    harness = TopologyHarness.start(Map.of("SALESPULSE_TIMEZONE", "UTC"), now).roster(ADA, BEN);
  }

  private Map<String, Object> kpis(String scope, String period, Instant now) {
    return harness.queryService(now).kpis(scope, period).kpis();
  }

  private static void assertProgress(
      Map<String, Object> kpis,
      String target,
      String attainment,
      String pace,
      String projected,
      String gap) {
    assertThat((BigDecimal) kpis.get("target")).isEqualByComparingTo(target);
    assertThat(kpis.get("attainment")).isEqualTo(new BigDecimal(attainment));
    assertThat(kpis.get("pace")).isEqualTo(pace == null ? null : new BigDecimal(pace));
    assertThat(kpis.get("projected"))
        .isEqualTo(projected == null ? null : new BigDecimal(projected));
    assertThat((BigDecimal) kpis.get("gap")).isEqualByComparingTo(gap);
  }

  @Test
  void shouldPaceAgainstTheElapsedBusinessHoursWithoutHistory() {
    start(THURSDAY_1330);
    harness.target("TEAM", ADA.teamId(), "DAY", "REVENUE", "1000");
    harness.send(anOrder().rep(ADA).amount("300.00").at(Instant.parse("2026-11-26T11:00:00Z")));

    assertProgress(
        kpis("team:" + ADA.teamId(), "today", THURSDAY_1330),
        "1000",
        "0.3000",
        "0.6000",
        "600.00",
        "700.00");
  }

  @Test
  void shouldGiveNoPaceBeforeBusinessHoursStart() {
    Instant early = Instant.parse("2026-11-26T08:00:00Z");
    start(early);
    harness.target("COMPANY", "all", "DAY", "REVENUE", "1000");
    harness.send(anOrder().rep(ADA).amount("50.00").at(Instant.parse("2026-11-26T07:00:00Z")));

    assertProgress(kpis("company:all", "today", early), "1000", "0.0500", null, null, "950.00");
  }

  @Test
  void shouldPaceAgainstTheClockOnAWeekend() {
    Instant saturdayNoon = Instant.parse("2026-11-28T12:00:00Z");
    start(saturdayNoon);
    harness.target("COMPANY", "all", "DAY", "REVENUE", "400");
    harness.send(anOrder().rep(ADA).amount("100.00").at(Instant.parse("2026-11-28T09:00:00Z")));

    assertProgress(
        kpis("company:all", "today", saturdayNoon), "400", "0.2500", "0.5000", "200.00", "300.00");
  }

  /**
   * On each of the past {@code weeks} Thursdays: 100.00 at {@code morning}, 300.00 at 16:00 UTC.
   */
  private void sendPastThursdays(int weeks, LocalTime morning) {
    for (int week = 1; week <= weeks; week++) {
      LocalDate thursday = LocalDate.of(2026, 11, 26).minusWeeks(week);
      harness.send(
          anOrder()
              .rep(ADA)
              .amount("100.00")
              .at(thursday.atTime(morning).toInstant(ZoneOffset.UTC)),
          anOrder().rep(BEN).amount("300.00").at(thursday.atTime(16, 0).toInstant(ZoneOffset.UTC)));
    }
  }

  @Test
  void shouldLearnTheExpectedShareFromTheSameWeekdayOfThePastFourWeeks() {
    start(THURSDAY_1330);
    harness.target("COMPANY", "all", "DAY", "REVENUE", "1000");
    sendPastThursdays(4, LocalTime.of(10, 0));
    harness.send(anOrder().rep(ADA).amount("200.00").at(Instant.parse("2026-11-26T12:00:00Z")));

    // By 13:30 the past Thursdays had reached 100 of 400 each: an expected share of 1/4.
    assertProgress(
        kpis("company:all", "today", THURSDAY_1330),
        "1000",
        "0.2000",
        "0.8000",
        "800.00",
        "800.00");
  }

  /**
   * A rep's day is shaped by the whole floor's past days: Ben's own past Thursdays all closed at
   * 16:00, which would make his expected share at 13:30 zero (and his pace endless).
   */
  @Test
  void shouldShapeARepsDayByTheCompanysPastDays() {
    start(THURSDAY_1330);
    harness.target("REP", BEN.id(), "DAY", "REVENUE", "1000");
    sendPastThursdays(4, LocalTime.of(10, 0));
    harness.send(anOrder().rep(BEN).amount("200.00").at(Instant.parse("2026-11-26T12:00:00Z")));

    assertProgress(
        kpis("rep:" + BEN.id(), "today", THURSDAY_1330),
        "1000",
        "0.2000",
        "0.8000",
        "800.00",
        "800.00");
  }

  @Test
  void shouldInterpolateInsideTheCurrentQuarterHourOfTheLearnedProfile() {
    Instant at1007 = Instant.parse("2026-11-26T10:07:30Z");
    start(at1007);
    harness.target("COMPANY", "all", "DAY", "REVENUE", "1000");
    sendPastThursdays(2, LocalTime.of(10, 5));
    harness.send(anOrder().rep(ADA).amount("25.00").at(Instant.parse("2026-11-26T10:01:00Z")));

    // Half of the 10:00–10:15 bucket (50 of its 100) by 10:07:30, of 400 a day: share 1/8.
    assertProgress(
        kpis("company:all", "today", at1007), "1000", "0.0250", "0.2000", "200.00", "975.00");
  }

  @Test
  void shouldFallBackToBusinessHoursWithOnlyOneWeekOfHistory() {
    start(THURSDAY_1330);
    harness.target("COMPANY", "all", "DAY", "REVENUE", "1000");
    harness.send(anOrder().rep(ADA).amount("900.00").at(Instant.parse("2026-11-19T10:00:00Z")));
    harness.send(anOrder().rep(ADA).amount("300.00").at(Instant.parse("2026-11-26T11:00:00Z")));

    assertProgress(
        kpis("company:all", "today", THURSDAY_1330),
        "1000",
        "0.3000",
        "0.6000",
        "600.00",
        "700.00");
  }

  @Test
  void shouldPaceAWeekByTheBusinessDaysOverPlusTodaysShare() {
    start(THURSDAY_1330);
    harness.target("TEAM", ADA.teamId(), "WEEK", "REVENUE", "5000");
    harness.send(
        anOrder().rep(ADA).amount("1500.00").at(Instant.parse("2026-11-23T10:00:00Z")),
        anOrder().rep(ADA).amount("600.00").at(Instant.parse("2026-11-26T10:00:00Z")));

    // Monday to Wednesday over, half of Thursday: 3.5 of 5 business days.
    assertProgress(
        kpis("team:" + ADA.teamId(), "wtd", THURSDAY_1330),
        "5000",
        "0.4200",
        "0.6000",
        "3000.00",
        "2900.00");
  }

  /**
   * On the first day of a week the week's expected share is still today's share over the week's
   * five business days, not today's share alone (the short cut for one-day periods must not apply).
   */
  @Test
  void shouldPaceAWeekOnItsFirstDayByTodaysShareOverTheWeeksBusinessDays() {
    Instant monday1330 = Instant.parse("2026-11-23T13:30:00Z");
    start(monday1330);
    harness.target("TEAM", ADA.teamId(), "WEEK", "REVENUE", "5000");
    harness.send(anOrder().rep(ADA).amount("600.00").at(Instant.parse("2026-11-23T10:00:00Z")));

    // Half of Monday of 5 business days: an expected share of 0.5 / 5 = 0.1.
    assertProgress(
        kpis("team:" + ADA.teamId(), "wtd", monday1330),
        "5000",
        "0.1200",
        "1.2000",
        "6000.00",
        "4400.00");
  }

  /** A month starting on a Saturday has no business day over and none today: no pace yet. */
  @Test
  void shouldGiveNoMonthPaceOnAWeekendFirstOfTheMonth() {
    Instant saturdayNoon = Instant.parse("2026-08-01T12:00:00Z");
    start(saturdayNoon);
    harness.target("COMPANY", "all", "MONTH", "REVENUE", "1000");
    harness.send(anOrder().rep(ADA).amount("100.00").at(Instant.parse("2026-08-01T09:00:00Z")));

    assertProgress(
        kpis("company:all", "mtd", saturdayNoon), "1000", "0.1000", null, null, "900.00");
  }

  @Test
  void shouldTreatAFinishedPeriodAsFullyExpected() {
    start(THURSDAY_1330);
    harness.target("REP", ADA.id(), "DAY", "ORDERS", "4");
    harness.send(
        anOrder().rep(ADA).amount("1.00").at(Instant.parse("2026-11-25T10:00:00Z")),
        anOrder().rep(ADA).amount("1.00").at(Instant.parse("2026-11-25T11:00:00Z")),
        anOrder().rep(ADA).amount("1.00").at(Instant.parse("2026-11-25T12:00:00Z")));

    KpiAnswer yesterday = harness.queryService(THURSDAY_1330).kpis("rep:" + ADA.id(), "yesterday");

    assertThat(yesterday.kpis().get("target")).isNull();
    assertThat(yesterday.targets().get("orders"))
        .containsEntry("attainment", new BigDecimal("0.7500"))
        .containsEntry("pace", new BigDecimal("0.7500"))
        .containsEntry("projected", new BigDecimal("3.00"));
  }

  /** A weekday's own day target wins over the every-day one, on that weekday only. */
  @Test
  void shouldMeasureADayAgainstItsWeekdaysTargetWhenThereIsOne() {
    start(THURSDAY_1330);
    harness.target("REP", ADA.id(), "DAY", "ORDERS", "10");
    harness.target("REP", ADA.id(), "WEDNESDAY", "ORDERS", "2");
    harness.target("REP", ADA.id(), "SATURDAY", "ORDERS", "1");
    harness.send(
        anOrder().rep(ADA).amount("1.00").at(Instant.parse("2026-11-25T10:00:00Z")),
        anOrder().rep(ADA).amount("1.00").at(Instant.parse("2026-11-26T10:00:00Z")));

    KpiAnswer wednesday = harness.queryService(THURSDAY_1330).kpis("rep:" + ADA.id(), "yesterday");
    KpiAnswer thursday = harness.queryService(THURSDAY_1330).kpis("rep:" + ADA.id(), "today");

    assertThat(wednesday.targets().get("orders"))
        .containsEntry("target", new BigDecimal("2"))
        .containsEntry("attainment", new BigDecimal("0.5000"));
    assertThat(thursday.targets().get("orders"))
        .containsEntry("target", new BigDecimal("10"))
        .containsEntry("attainment", new BigDecimal("0.1000"));
  }

  @Test
  void shouldForgetADeletedTargetAndKeepTargetsPerScope() {
    start(THURSDAY_1330);
    harness.target("COMPANY", "all", "DAY", "REVENUE", "1000");
    harness.target("COMPANY", "all", "DAY", "REVENUE", null);
    harness.target("REP", BEN.id(), "DAY", "REVENUE", "10");
    harness.send(anOrder().rep(ADA).amount("5.00").at(Instant.parse("2026-11-26T10:00:00Z")));

    assertThat(kpis("company:all", "today", THURSDAY_1330))
        .containsEntry("target", null)
        .containsEntry("pace", null);
    assertThat(kpis("rep:" + ADA.id(), "today", THURSDAY_1330)).containsEntry("target", null);
    assertThat(kpis("channel:phone", "today", THURSDAY_1330)).containsEntry("attainment", null);
  }

  /**
   * A target value outside what an amount may be (more than 4 fraction digits, 10^15 or more, or
   * negative) counts as no target. 1e10000 once became a target whose answer could not be written
   * as a plain JSON number: every KPI answer of the scope failed with a 500.
   */
  @Test
  void shouldIgnoreTargetValuesThatNoAmountCouldHave() {
    start(THURSDAY_1330);
    harness.target("COMPANY", "all", "DAY", "REVENUE", "1e10000");
    harness.target("COMPANY", "all", "DAY", "ORDERS", "0.00001");
    harness.target("COMPANY", "all", "DAY", "CALLS", "1000000000000000");
    harness.target("COMPANY", "all", "DAY", "MEETINGS", "-5");
    harness.target("COMPANY", "all", "DAY", "DEALS_WON", "\"3\"");
    harness.send(anOrder().rep(ADA).amount("5.00").at(Instant.parse("2026-11-26T10:00:00Z")));

    KpiAnswer answer = harness.queryService(THURSDAY_1330).kpis("company:all", "today");

    assertThat(answer.kpis()).containsEntry("target", null).containsEntry("gap", null);
    assertThat(answer.targets()).containsOnlyKeys("dealsWon");
    assertThat(answer.targets().get("dealsWon").get("target")).isEqualTo(new BigDecimal("3"));
  }

  @Test
  void shouldShowEachRepsAttainmentOnTheLeaderboard() {
    start(THURSDAY_1330);
    harness.target("REP", ADA.id(), "DAY", "REVENUE", "200");
    harness.send(
        anOrder().rep(ADA).amount("150.00").at(Instant.parse("2026-11-26T10:00:00Z")),
        anOrder().rep(BEN).amount("90.00").at(Instant.parse("2026-11-26T10:00:00Z")));

    LeaderboardAnswer board =
        harness.leaderboards(THURSDAY_1330).leaderboard("rep", "revenue", "today", 10, null, null);

    assertThat(board.rows())
        .extracting(LeaderboardAnswer.Row::scope, LeaderboardAnswer.Row::attainment)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("rep:" + ADA.id(), new BigDecimal("0.7500")),
            org.assertj.core.groups.Tuple.tuple("rep:" + BEN.id(), null));
  }
}
