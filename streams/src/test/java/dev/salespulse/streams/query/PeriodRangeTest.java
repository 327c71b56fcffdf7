package dev.salespulse.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salespulse.streams.time.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PeriodRangeTest {
  private static final Duration MINUTES_KEPT = Duration.ofHours(48);
  private static final BusinessCalendar BERLIN =
      new BusinessCalendar(ZoneId.of("Europe/Berlin"), Month.JANUARY);
  private static final BusinessCalendar FISCAL_FEBRUARY =
      new BusinessCalendar(ZoneId.of("America/New_York"), Month.FEBRUARY);

  /** Thursday 2026-11-26, 15:03:30 in Berlin. */
  private static final Instant NOW = Instant.parse("2026-11-26T14:03:30Z");

  private static PeriodRange resolve(String period, BusinessCalendar calendar, Instant now) {
    return PeriodRange.resolve(period, null, null, now, calendar, MINUTES_KEPT);
  }

  private static PeriodRange custom(String from, String to) {
    return PeriodRange.resolve("custom", from, to, NOW, BERLIN, MINUTES_KEPT);
  }

  @Test
  void shouldCoverTheTwentyThreeHoursOfTodayOnTheSpringChange() {
    PeriodRange today = resolve("today", BERLIN, Instant.parse("2026-03-29T12:00:00Z"));

    assertThat(today.from()).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
    assertThat(today.to()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    assertThat(today.days()).containsExactly(LocalDate.of(2026, 3, 29));
  }

  @Test
  void shouldCoverTheTwentyFiveHoursOfYesterdayAfterTheAutumnChange() {
    PeriodRange yesterday = resolve("yesterday", BERLIN, Instant.parse("2026-10-26T08:00:00Z"));

    assertThat(yesterday.from()).isEqualTo(Instant.parse("2026-10-24T22:00:00Z"));
    assertThat(yesterday.to()).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
  }

  @Test
  void shouldStartTheWeekOnMondayAndTheMonthOnTheFirst() {
    assertThat(resolve("wtd", BERLIN, NOW).days()).first().isEqualTo(LocalDate.of(2026, 11, 23));
    assertThat(resolve("wtd", BERLIN, NOW).days()).hasSize(4);
    assertThat(resolve("mtd", BERLIN, NOW).days()).hasSize(26);
    assertThat(resolve("mtd", BERLIN, NOW).from()).isEqualTo(Instant.parse("2026-10-31T23:00:00Z"));
  }

  @Test
  void shouldFollowAFiscalYearStartingInFebruaryForQuarterToDate() {
    PeriodRange qtd = resolve("qtd", FISCAL_FEBRUARY, Instant.parse("2026-01-15T17:00:00Z"));

    assertThat(qtd.days()).first().isEqualTo(LocalDate.of(2025, 11, 1));
    assertThat(qtd.days()).last().isEqualTo(LocalDate.of(2026, 1, 15));
    assertThat(qtd.from()).isEqualTo(Instant.parse("2025-11-01T04:00:00Z"));
  }

  @Test
  void shouldCoverTheLastFifteenMinuteBucketsIncludingTheCurrentOne() {
    PeriodRange last15m = resolve("last15m", BERLIN, NOW);

    assertThat(last15m.byDays()).isFalse();
    assertThat(last15m.from()).isEqualTo(Instant.parse("2026-11-26T13:49:00Z"));
    assertThat(last15m.to()).isEqualTo(Instant.parse("2026-11-26T14:04:00Z"));
    assertThat(resolve("last60m", BERLIN, NOW).from())
        .isEqualTo(Instant.parse("2026-11-26T13:04:00Z"));
  }

  @Test
  void shouldTakeCustomLocalDatesAsWholeBusinessDaysWithAnExclusiveEnd() {
    PeriodRange range = custom("2026-11-20", "2026-11-23");

    assertThat(range.days())
        .containsExactly(
            LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 21), LocalDate.of(2026, 11, 22));
    assertThat(range.from()).isEqualTo(Instant.parse("2026-11-19T23:00:00Z"));
    assertThat(range.to()).isEqualTo(Instant.parse("2026-11-22T23:00:00Z"));
  }

  @Test
  void shouldTakeCustomInstantsOnMinuteBoundariesWithinTheMinuteRetention() {
    PeriodRange range = custom("2026-11-26T10:00:00Z", "2026-11-26T12:00:00+01:00");

    assertThat(range.byDays()).isFalse();
    assertThat(range.from()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
    assertThat(range.to()).isEqualTo(Instant.parse("2026-11-26T11:00:00Z"));
  }

  /**
   * Custom dates may reach back and span at most 400 days (DESIGN.md): a range whose ends each lie
   * within 400 days of today may still be longer than that.
   */
  @Test
  void shouldRejectCustomDatesSpanningMoreThanFourHundredDays() {
    assertThat(custom("2025-11-01", "2026-12-06").days()).hasSize(400);
    assertThatThrownBy(() -> custom("2025-11-01", "2027-03-01"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("400 days");
  }

  @Test
  void shouldRejectMalformedOrImpossibleCustomPeriodsWithAClearMessage() {
    assertThatThrownBy(() -> custom("2026-11-26", null)).hasMessageContaining("'from' and 'to'");
    assertThatThrownBy(() -> custom("2026-13-01", "2026-13-02")).hasMessageContaining("valid date");
    assertThatThrownBy(() -> custom("2026-11-26", "2026-11-26")).hasMessageContaining("before");
    assertThatThrownBy(() -> custom("yesterday", "today")).hasMessageContaining("local date");
    assertThatThrownBy(() -> custom("2026-11-26T10:00:30Z", "2026-11-26T11:00:00Z"))
        .hasMessageContaining("minute boundary");
    assertThatThrownBy(() -> custom("2026-11-23T10:00:00Z", "2026-11-23T11:00:00Z"))
        .hasMessageContaining("48 h");
    assertThatThrownBy(() -> custom("2024-01-01", "2024-01-02")).hasMessageContaining("400 days");
    assertThatThrownBy(
            () -> PeriodRange.resolve("today", "2026-11-25", null, NOW, BERLIN, MINUTES_KEPT))
        .hasMessageContaining("period=custom");
    assertThatThrownBy(() -> resolve("fortnight", BERLIN, NOW))
        .hasMessageContaining("unknown period 'fortnight'");
  }
}
