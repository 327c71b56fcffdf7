package dev.salespulse.streams.query;

import static dev.salespulse.streams.testing.ActivityEventBuilder.aCall;
import static dev.salespulse.streams.testing.OrderEventBuilder.anOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.salespulse.streams.query.TimeseriesAnswer.Point;
import dev.salespulse.streams.testing.Reps;
import dev.salespulse.streams.testing.TopologyHarness;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Time series through the real topology: one point per step from the period's start aligned to the
 * business time zone's clock, zeros included, each event in the point of the step it falls in.
 */
class TimeseriesServiceTest {
  private static final String BERLIN = "Europe/Berlin";
  private static final Instant NOW = TopologyHarness.WALL_CLOCK_START;
  private static final BigDecimal ZERO = new BigDecimal("0.00");

  private TopologyHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void shouldAnswerNinetySixQuarterHoursFromLocalMidnightOnANormalBerlinDay() {
    harness = TopologyHarness.start(BERLIN, NOW);
    harness.send(
        anOrder().amount("99.00").at("2026-11-25T22:59:59Z"),
        anOrder().amount("10.00").at("2026-11-25T23:05:00Z"),
        anOrder().amount("1.00").at("2026-11-26T09:00:00Z"),
        anOrder().amount("20.00").at("2026-11-26T09:14:59Z"),
        anOrder().amount("5.00").at("2026-11-26T09:15:00Z"),
        anOrder().amount("7.00").at("2026-11-26T22:59:59Z"),
        anOrder().amount("88.00").at("2026-11-26T23:00:00Z"));

    TimeseriesAnswer answer =
        harness.timeseries(NOW).timeseries("company:all", "revenue", "today", "15m", null, null);

    Instant localMidnight = Instant.parse("2026-11-25T23:00:00Z");
    assertThat(answer.from()).isEqualTo(localMidnight);
    assertThat(answer.to()).isEqualTo(Instant.parse("2026-11-26T23:00:00Z"));
    assertThat(answer.timezone()).isEqualTo(BERLIN);
    assertThat(answer.step()).isEqualTo("15m");
    assertThat(answer.asOf()).isEqualTo(Instant.parse("2026-11-26T22:59:59Z"));
    assertThat(times(answer)).isEqualTo(everyStep(localMidnight, Duration.ofMinutes(15), 96));
    assertThat(values(answer))
        .isEqualTo(
            money(96)
                .at(0, "10.00") // 00:05 local
                .at(40, "21.00") // 10:00–10:15 local
                .at(41, "5.00")
                .at(95, "7.00") // 23:45 local
                .list());
  }

  @Test
  void shouldAnswerOneHundredQuarterHoursOnTheDayBerlinFallsBack() {
    Instant now = Instant.parse("2026-10-25T20:00:00Z");
    harness = TopologyHarness.start(BERLIN, now);
    harness.send(
        anOrder().amount("1.00").at("2026-10-25T00:30:00Z"), // 02:30 CEST, the first one
        anOrder().amount("2.00").at("2026-10-25T01:30:00Z"), // 02:30 CET, an hour later
        anOrder().amount("3.00").at("2026-10-25T22:50:00Z")); // 23:50 CET

    TimeseriesAnswer answer =
        harness.timeseries(now).timeseries("company:all", "revenue", "today", "15m", null, null);

    Instant localMidnight = Instant.parse("2026-10-24T22:00:00Z");
    assertThat(answer.from()).isEqualTo(localMidnight);
    assertThat(answer.to()).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
    assertThat(times(answer)).isEqualTo(everyStep(localMidnight, Duration.ofMinutes(15), 100));
    assertThat(values(answer))
        .isEqualTo(money(100).at(10, "1.00").at(14, "2.00").at(99, "3.00").list());
  }

  @Test
  void shouldAnswerNinetyTwoQuarterHoursOnTheDayBerlinSpringsForward() {
    Instant now = Instant.parse("2026-03-29T20:00:00Z");
    harness = TopologyHarness.start(BERLIN, now);
    harness.send(
        anOrder().amount("1.00").at("2026-03-29T00:59:59Z"), // 01:59:59 CET
        anOrder().amount("2.00").at("2026-03-29T01:00:00Z"), // 03:00 CEST, the next instant
        anOrder().amount("3.00").at("2026-03-29T21:45:00Z")); // 23:45 CEST

    TimeseriesAnswer answer =
        harness.timeseries(now).timeseries("company:all", "revenue", "today", "15m", null, null);

    Instant localMidnight = Instant.parse("2026-03-28T23:00:00Z");
    assertThat(answer.to()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    assertThat(times(answer)).isEqualTo(everyStep(localMidnight, Duration.ofMinutes(15), 92));
    assertThat(answer.points().get(8).t()).isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
    assertThat(values(answer))
        .isEqualTo(money(92).at(7, "1.00").at(8, "2.00").at(91, "3.00").list());
  }

  @Test
  void shouldAnswerTwentyFourHoursOfAUtcDay() {
    harness = TopologyHarness.start();
    harness.send(
        anOrder().amount("1250.50").at("2026-11-26T09:15:00Z"),
        anOrder().amount("99.99").at("2026-11-26T11:40:00Z"),
        anOrder().amount("300.00").at("2026-11-26T11:05:00Z"),
        anOrder().amount("0.01").at("2026-11-26T14:59:59Z"));

    TimeseriesAnswer answer =
        harness.timeseries(NOW).timeseries("company:all", "revenue", "today", "1h", null, null);

    Instant midnight = Instant.parse("2026-11-26T00:00:00Z");
    assertThat(times(answer)).isEqualTo(everyStep(midnight, Duration.ofHours(1), 24));
    assertThat(values(answer))
        .isEqualTo(money(24).at(9, "1250.50").at(11, "399.99").at(14, "0.01").list());
  }

  @Test
  void shouldAlignHourStepsToTheLocalClockOfAQuarterHourTimeZone() {
    // Kathmandu is UTC+05:45: local hours start at a quarter past the UTC hour.
    harness = TopologyHarness.start("Asia/Kathmandu", NOW);
    harness.send(
        anOrder().amount("4.00").at("2026-11-26T09:14:59Z"), // 14:59:59 local
        anOrder().amount("6.00").at("2026-11-26T09:15:00Z")); // 15:00 local

    TimeseriesAnswer answer =
        harness.timeseries(NOW).timeseries("company:all", "revenue", "today", "1h", null, null);

    Instant localMidnight = Instant.parse("2026-11-25T18:15:00Z");
    assertThat(times(answer)).isEqualTo(everyStep(localMidnight, Duration.ofHours(1), 24));
    assertThat(values(answer)).isEqualTo(money(24).at(14, "4.00").at(15, "6.00").list());
  }

  @Test
  void shouldAnswerOnePointPerLocalDayOfTheWeekSoFar() {
    harness = TopologyHarness.start(BERLIN, NOW);
    harness.send(
        anOrder().amount("500.00").at("2026-11-22T22:59:59Z"), // Sunday 23:59:59, last week
        anOrder().amount("1.00").at("2026-11-22T23:00:00Z"), // Monday 00:00
        anOrder().amount("2.00").at("2026-11-23T22:30:00Z"), // Monday 23:30
        anOrder().amount("4.00").at("2026-11-23T23:30:00Z"), // Tuesday 00:30
        anOrder().amount("8.00").at("2026-11-26T12:00:00Z")); // Thursday

    TimeseriesAnswer answer =
        harness.timeseries(NOW).timeseries("company:all", "revenue", "wtd", "1d", null, null);

    assertThat(times(answer))
        .containsExactly(
            Instant.parse("2026-11-22T23:00:00Z"),
            Instant.parse("2026-11-23T23:00:00Z"),
            Instant.parse("2026-11-24T23:00:00Z"),
            Instant.parse("2026-11-25T23:00:00Z"));
    assertThat(values(answer))
        .containsExactly(
            new BigDecimal("3.00"), new BigDecimal("4.00"), ZERO, new BigDecimal("8.00"));
  }

  @Test
  void shouldStepTheLastSixtyMinutesInFiveMinutesAlignedToTheLocalClock() {
    Instant now = Instant.parse("2026-11-26T15:07:30Z");
    harness = TopologyHarness.start(BERLIN, NOW);
    harness.send(
        anOrder().amount("50.00").at("2026-11-26T14:07:59Z"), // before the period
        anOrder().amount("1.00").at("2026-11-26T14:08:00Z"),
        anOrder().amount("2.00").at("2026-11-26T14:10:00Z"),
        anOrder().amount("3.00").at("2026-11-26T14:14:59Z"),
        anOrder().amount("4.00").at("2026-11-26T15:07:10Z"));

    TimeseriesAnswer answer =
        harness.timeseries(now).timeseries("company:all", "revenue", "last60m", "5m", null, null);

    assertThat(answer.from()).isEqualTo(Instant.parse("2026-11-26T14:08:00Z"));
    assertThat(answer.to()).isEqualTo(Instant.parse("2026-11-26T15:08:00Z"));
    // Steps start at :05/:10 local; the first one holds only the period's part of it.
    assertThat(times(answer))
        .isEqualTo(everyStep(Instant.parse("2026-11-26T14:05:00Z"), Duration.ofMinutes(5), 13));
    assertThat(values(answer))
        .isEqualTo(money(13).at(0, "1.00").at(1, "5.00").at(12, "4.00").list());
  }

  @Test
  void shouldAnswerNullPointsForARatioInStepsWithoutADenominator() {
    harness = TopologyHarness.start();
    harness.send(
        aCall().outcome("CONNECTED").at("2026-11-26T09:10:00Z"),
        aCall().outcome("NO_ANSWER").at("2026-11-26T09:20:00Z"),
        aCall().outcome("NO_ANSWER").at("2026-11-26T10:20:00Z"));

    TimeseriesAnswer answer =
        harness.timeseries(NOW).timeseries("rep:rep-ada", "connectRate", "today", "1h", null, null);

    List<Object> expected = new ArrayList<>(Arrays.asList(new Object[24]));
    expected.set(9, new BigDecimal("0.5000"));
    expected.set(10, new BigDecimal("0.0000"));
    assertThat(values(answer)).isEqualTo(expected);
  }

  @Test
  void shouldAnswerZerosForAScopeWithoutEvents() {
    harness = TopologyHarness.start();

    TimeseriesAnswer answer =
        harness.timeseries(NOW).timeseries("team:team-nobody", "orders", "today", "1h", null, null);

    assertThat(answer.name()).isEqualTo("Nobody");
    assertThat(answer.asOf()).isNull();
    assertThat(values(answer)).hasSize(24).containsOnly(0L);
  }

  @Test
  void shouldGiveMinuteStepsForAPeriodWithinTheMinuteRetention() {
    harness = TopologyHarness.start();
    harness.send(anOrder().amount("3.00").at("2026-11-25T00:00:30Z"));

    TimeseriesAnswer answer =
        harness.timeseries(NOW).timeseries("company:all", "revenue", "yesterday", "1m", null, null);

    assertThat(answer.points()).hasSize(1440);
    assertThat(answer.points().get(0))
        .isEqualTo(new Point(Instant.parse("2026-11-25T00:00:00Z"), new BigDecimal("3.00")));
  }

  @Test
  void shouldRejectMinuteStepsOverAPeriodOlderThanTheMinuteRetention() {
    harness = TopologyHarness.start();
    TimeseriesService series = harness.timeseries(NOW);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> series.timeseries("company:all", "revenue", "wtd", "1m", null, null))
        .withMessageContaining("1d");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> series.timeseries("company:all", "revenue", "mtd", "1h", null, null));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                series.timeseries(
                    "company:all", "revenue", "custom", "15m", "2026-11-20", "2026-11-22"));
  }

  @Test
  void shouldAnswerGrossRevenueOfTheSameWeekdayLastWeekInQuarterHoursFromTheProfile() {
    harness = TopologyHarness.start().roster(Reps.ADA);
    harness.send(
        anOrder().amount("30.00").at("2026-11-19T10:05:00Z"),
        anOrder().amount("12.50").at("2026-11-19T10:29:59Z"),
        anOrder().amount("1.00").at("2026-11-20T00:00:00Z"));
    TimeseriesService series = harness.timeseries(NOW);

    TimeseriesAnswer answer =
        series.timeseries(
            "team:team-north", "grossRevenue", "custom", "15m", "2026-11-19", "2026-11-20");

    Instant midnight = Instant.parse("2026-11-19T00:00:00Z");
    assertThat(times(answer)).isEqualTo(everyStep(midnight, Duration.ofMinutes(15), 96));
    assertThat(values(answer)).isEqualTo(money(96).at(40, "30.00").at(41, "12.50").list());
    assertThat(answer.asOf()).isNull();
    // Net revenue has no profile: minute steps that far back are still refused.
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                series.timeseries(
                    "team:team-north", "revenue", "custom", "15m", "2026-11-19", "2026-11-20"));
  }

  @Test
  void shouldRejectADayStepOverAPeriodOfMinutes() {
    harness = TopologyHarness.start();
    TimeseriesService series = harness.timeseries(NOW);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> series.timeseries("company:all", "revenue", "last15m", "1d", null, null))
        .withMessageContaining("1d");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                series.timeseries(
                    "company:all",
                    "revenue",
                    "custom",
                    "1d",
                    "2026-11-26T10:00:00Z",
                    "2026-11-26T12:00:00Z"));
  }

  @Test
  void shouldRejectAnUnknownStepMetricOrScope() {
    harness = TopologyHarness.start();
    TimeseriesService series = harness.timeseries(NOW);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> series.timeseries("company:all", "revenue", "today", "2m", null, null))
        .withMessageContaining("2m")
        .withMessageContaining("15m");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> series.timeseries("company:all", "profit", "today", "1h", null, null));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> series.timeseries("planet:mars", "revenue", "today", "1h", null, null));
  }

  private static List<Instant> times(TimeseriesAnswer answer) {
    return answer.points().stream().map(Point::t).toList();
  }

  private static List<Object> values(TimeseriesAnswer answer) {
    return answer.points().stream().map(Point::value).toList();
  }

  private static List<Instant> everyStep(Instant first, Duration step, int count) {
    List<Instant> starts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      starts.add(first.plus(step.multipliedBy(i)));
    }
    return starts;
  }

  private static ExpectedMoney money(int points) {
    return new ExpectedMoney(points);
  }

  /** Expected money points: zeros, except where told. */
  private static final class ExpectedMoney {
    private final List<Object> values;

    ExpectedMoney(int points) {
      values = new ArrayList<>();
      for (int i = 0; i < points; i++) {
        values.add(ZERO);
      }
    }

    ExpectedMoney at(int index, String amount) {
      values.set(index, new BigDecimal(amount));
      return this;
    }

    List<Object> list() {
      return values;
    }
  }
}
