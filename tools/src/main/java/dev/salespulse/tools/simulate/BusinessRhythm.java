package dev.salespulse.tools.simulate;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How busy the floor is at a given moment, from 0 (nobody) to 1 (peak), in one time zone: most
 * activity 09:00-18:00 local time Monday to Friday, a morning ramp from 08:00, a lunch dip around
 * 12:00-13:00, a trickle at night and about a tenth of a weekday on weekends.
 *
 * <p>Limits: no public holidays, and every rep works in the same zone.
 */
final class BusinessRhythm {
  /** Weekday intensity at each full hour, linearly interpolated in between. */
  private static final double[] WEEKDAY = {
    0.03, 0.02, 0.02, 0.02, 0.02, 0.03, 0.05, 0.12, 0.40, 0.80, 1.00, 1.00, //
    0.55, 0.65, 0.95, 1.00, 0.95, 0.75, 0.35, 0.15, 0.10, 0.07, 0.05, 0.04
  };

  private static final double WEEKEND_SHARE = 0.1;

  private final ZoneId zone;

  BusinessRhythm(ZoneId zone) {
    this.zone = zone;
  }

  ZoneId zone() {
    return zone;
  }

  double intensity(Instant at) {
    ZonedDateTime local = at.atZone(zone);
    int hour = local.getHour();
    double fraction = (local.getMinute() * 60 + local.getSecond()) / 3600.0;
    double weekday = WEEKDAY[hour] + (WEEKDAY[(hour + 1) % 24] - WEEKDAY[hour]) * fraction;
    DayOfWeek day = local.getDayOfWeek();
    boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    return weekend ? 0.02 + weekday * WEEKEND_SHARE : weekday;
  }

  /**
   * {@code count} instants within the local day {@code date}, in order, spread like the rhythm.
   * Works minute by minute over real instants, so a 23- or 25-hour daylight-saving day is right.
   */
  List<Instant> spread(LocalDate date, int count, SplittableRandom random) {
    Instant start = date.atStartOfDay(zone).toInstant();
    int minutes = (int) Duration.between(start, date.plusDays(1).atStartOfDay(zone)).toMinutes();
    double[] cumulative = new double[minutes];
    double total = 0;
    for (int m = 0; m < minutes; m++) {
      total += intensity(start.plusSeconds(m * 60L + 30));
      cumulative[m] = total;
    }
    long[] offsets = new long[count];
    for (int i = 0; i < count; i++) {
      int minute = WeightedChoice.firstAbove(cumulative, random.nextDouble() * total);
      offsets[i] = minute * 60_000L + random.nextLong(60_000);
    }
    Arrays.sort(offsets);
    List<Instant> instants = new ArrayList<>(count);
    for (long offset : offsets) {
      instants.add(start.plusMillis(offset));
    }
    return instants;
  }
}
