package dev.salespulse.tools.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BusinessRhythmTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final BusinessRhythm RHYTHM = new BusinessRhythm(BERLIN);
  private static final LocalDate THURSDAY = LocalDate.of(2026, 11, 26);

  private static double at(LocalDate date, int hour, int minute) {
    return RHYTHM.intensity(
        LocalDateTime.of(date, LocalTime.of(hour, minute)).atZone(BERLIN).toInstant());
  }

  @Test
  void shouldPeakInBusinessHoursOfTheLocalZone() {
    assertThat(at(THURSDAY, 10, 30)).isEqualTo(1.0);
    assertThat(at(THURSDAY, 15, 0)).isEqualTo(1.0);
    assertThat(RHYTHM.intensity(Instant.parse("2026-11-26T10:30:00Z"))).isLessThan(1.0);
  }

  @Test
  void shouldRampUpInTheMorningAndDipAtLunch() {
    assertThat(at(THURSDAY, 7, 30)).isLessThan(at(THURSDAY, 8, 30)).isLessThan(at(THURSDAY, 9, 30));
    assertThat(at(THURSDAY, 12, 30)).isLessThan(0.7);
  }

  @Test
  void shouldBeQuietAtNightAndOnWeekends() {
    assertThat(at(THURSDAY, 3, 0)).isLessThan(0.05);
    assertThat(at(THURSDAY.plusDays(2), 11, 0)).isBetween(0.05, 0.2);
    assertThat(at(THURSDAY.plusDays(3), 3, 0)).isPositive().isLessThan(0.05);
  }

  @Test
  void shouldSpreadADaylightSavingDayOverItsTwentyThreeHours() {
    LocalDate springForward = LocalDate.of(2026, 3, 29);
    Instant start = springForward.atStartOfDay(BERLIN).toInstant();
    Instant end = springForward.plusDays(1).atStartOfDay(BERLIN).toInstant();

    List<Instant> instants = RHYTHM.spread(springForward, 5_000, new SplittableRandom(3));

    assertThat(Duration.between(start, end)).isEqualTo(Duration.ofHours(23));
    assertThat(instants)
        .hasSize(5_000)
        .isSorted()
        .allMatch(t -> !t.isBefore(start) && t.isBefore(end));
  }
}
