package dev.salespulse.streams.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessCalendarTest {
  private static final BusinessCalendar BERLIN =
      new BusinessCalendar(ZoneId.of("Europe/Berlin"), Month.JANUARY);
  private static final BusinessCalendar NEW_YORK =
      new BusinessCalendar(ZoneId.of("America/New_York"), Month.JANUARY);

  @ParameterizedTest(name = "{0} {1} starts {2} and lasts {3} h")
  @CsvSource({
    "Europe/Berlin, 2026-03-29, 2026-03-28T23:00:00Z, 23",
    "Europe/Berlin, 2026-10-25, 2026-10-24T22:00:00Z, 25",
    "Europe/Berlin, 2026-11-26, 2026-11-25T23:00:00Z, 24",
    "America/New_York, 2026-03-08, 2026-03-08T05:00:00Z, 23",
    "America/New_York, 2026-11-01, 2026-11-01T04:00:00Z, 25",
    "UTC, 2026-11-26, 2026-11-26T00:00:00Z, 24"
  })
  void shouldRunADayFromLocalMidnightToLocalMidnight(
      String zone, LocalDate day, Instant start, long hours) {
    BusinessCalendar calendar = new BusinessCalendar(ZoneId.of(zone), Month.JANUARY);

    assertThat(calendar.startOf(day)).isEqualTo(start);
    assertThat(Duration.between(calendar.startOf(day), calendar.startOf(day.plusDays(1))))
        .isEqualTo(Duration.ofHours(hours));
  }

  @Test
  void shouldPutTheLastMinutesOfALongDayOnThatDay() {
    assertThat(BERLIN.date(Instant.parse("2026-10-25T22:59:59Z")))
        .isEqualTo(LocalDate.of(2026, 10, 25));
    assertThat(BERLIN.date(Instant.parse("2026-10-25T23:00:00Z")))
        .isEqualTo(LocalDate.of(2026, 10, 26));
    assertThat(NEW_YORK.date(Instant.parse("2026-11-02T04:59:00Z")))
        .isEqualTo(LocalDate.of(2026, 11, 1));
  }

  @Test
  void shouldStartWeeksOnMonday() {
    assertThat(BERLIN.weekStart(LocalDate.of(2026, 11, 26))).isEqualTo(LocalDate.of(2026, 11, 23));
    assertThat(BERLIN.weekStart(LocalDate.of(2026, 11, 23))).isEqualTo(LocalDate.of(2026, 11, 23));
    assertThat(BERLIN.weekStart(LocalDate.of(2026, 11, 29))).isEqualTo(LocalDate.of(2026, 11, 23));
  }

  @ParameterizedTest(name = "fiscal year from {0}: the quarter of {1} starts {2}")
  @CsvSource({
    "JANUARY, 2026-11-26, 2026-10-01",
    "JANUARY, 2026-01-01, 2026-01-01",
    "FEBRUARY, 2026-11-26, 2026-11-01",
    "FEBRUARY, 2026-01-15, 2025-11-01",
    "FEBRUARY, 2026-04-30, 2026-02-01",
    "FEBRUARY, 2026-05-01, 2026-05-01",
    "APRIL, 2026-03-31, 2026-01-01",
    "OCTOBER, 2026-09-30, 2026-07-01"
  })
  void shouldFollowTheFiscalYearForQuarters(Month fiscalStart, LocalDate day, LocalDate start) {
    BusinessCalendar calendar = new BusinessCalendar(ZoneId.of("UTC"), fiscalStart);

    assertThat(calendar.quarterStart(day)).isEqualTo(start);
  }
}
