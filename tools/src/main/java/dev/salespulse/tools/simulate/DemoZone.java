package dev.salespulse.tools.simulate;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;

/**
 * The business time zone of a demo whose zone is not set: a major business zone where it is now a
 * weekday during business hours (09:00-17:00), preferring the one nearest 11:00, so the floor is
 * busy when the demo starts. When it is business hours nowhere, the weekday zone nearest its
 * business hours; when it is weekend everywhere, UTC (the floor is quiet).
 */
public final class DemoZone {
  /** The zones considered, west to east. */
  public static final List<ZoneId> CANDIDATES =
      List.of(
              "America/Los_Angeles",
              "America/Chicago",
              "America/New_York",
              "America/Sao_Paulo",
              "Europe/London",
              "Europe/Berlin",
              "Asia/Dubai",
              "Asia/Kolkata",
              "Asia/Singapore",
              "Asia/Tokyo",
              "Australia/Sydney")
          .stream()
          .map(ZoneId::of)
          .toList();

  private static final double OPENS = 9;
  private static final double CLOSES = 17;
  private static final double BEST = 11;

  private DemoZone() {}

  /** The zone to simulate the floor in, at {@code now}. */
  public static ZoneId choose(Instant now) {
    return CANDIDATES.stream()
        .filter(zone -> !weekend(zone, now))
        .min(Comparator.comparingDouble(zone -> distance(hour(zone, now))))
        .orElse(ZoneId.of("UTC"));
  }

  /** Whether it is a weekday in business hours in {@code zone} at {@code now}. */
  public static boolean busy(ZoneId zone, Instant now) {
    double hour = hour(zone, now);
    return !weekend(zone, now) && hour >= OPENS && hour < CLOSES;
  }

  /** Hours away from business hours, and inside them from 11:00, the latter always smaller. */
  private static double distance(double hour) {
    if (hour >= OPENS && hour < CLOSES) {
      return Math.abs(hour - BEST) / 24;
    }
    return 1 + (hour < OPENS ? OPENS - hour : hour - CLOSES);
  }

  private static boolean weekend(ZoneId zone, Instant now) {
    DayOfWeek day = now.atZone(zone).getDayOfWeek();
    return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
  }

  private static double hour(ZoneId zone, Instant now) {
    ZonedDateTime local = now.atZone(zone);
    return local.getHour() + local.getMinute() / 60.0;
  }
}
