package dev.salespulse.streams.stores;

import java.time.Duration;

/**
 * How long buckets are kept, measured against the newest event time seen (never ahead of the wall
 * clock). Minute buckets are kept {@code SALESPULSE_MINUTE_RETENTION}; an event older than {@link
 * #DAYS} touches no bucket at all and is dead-lettered as {@code too-late}.
 */
public final class Retention {
  /** Day buckets are kept 400 days: a year of same-day comparisons plus a month's margin. */
  public static final Duration DAYS = Duration.ofDays(400);

  /** The quarter-hour revenue profile is kept 35 days: four past same weekdays and a margin. */
  public static final Duration PROFILE = Duration.ofDays(35);

  /** The width of a revenue-profile bucket. */
  public static final Duration PROFILE_BUCKET = Duration.ofMinutes(15);

  private Retention() {}

  /**
   * The reference time retention is measured from: the newest event time seen, but never ahead of
   * the wall clock, so one event stamped days in the future cannot expire today's buckets.
   */
  public static long reference(long newestEventMs, long wallClockMs) {
    return Math.min(newestEventMs, wallClockMs);
  }
}
