package dev.salespulse.streams.stores;

import java.time.Duration;

/**
 * How large one order-ingest task's sums of one business day may grow ({@link DaySums}) so that no
 * sum anywhere leaves a {@code long}: a day bucket adds up the sums of every task (one per
 * partition of {@code sales.orders}), and a query adds up at most {@link #daysSummed} days of
 * buckets (or the minute buckets of as many days), across instances too. So the cap is {@code
 * Long.MAX_VALUE / (partitions × days summed)}: with 4 partitions and 2 fraction digits about 56
 * trillion a task and day.
 */
public final class SumLimits {
  /** The days an event may lie ahead of the wall clock (the contract's 7), plus a spare day. */
  private static final long DAYS_AHEAD = 8;

  private SumLimits() {}

  /**
   * @param orderPartitions partitions of {@code sales.orders}: the order-ingest tasks whose sums
   *     meet in a bucket
   * @param minuteRetention how long minute buckets are kept, which a query of custom instants may
   *     span
   */
  public static long perTaskDay(int orderPartitions, Duration minuteRetention) {
    return Long.MAX_VALUE / ((long) orderPartitions * daysSummed(minuteRetention));
  }

  /**
   * The most business days whose buckets can exist at one time, and so be summed by one query: the
   * day retention (or the minute retention, when longer), the days ahead, and the day of the
   * reference itself.
   */
  public static long daysSummed(Duration minuteRetention) {
    long kept = Math.max(Retention.DAYS.toDays(), minuteRetention.toDays() + 1);
    return kept + 1 + DAYS_AHEAD;
  }
}
