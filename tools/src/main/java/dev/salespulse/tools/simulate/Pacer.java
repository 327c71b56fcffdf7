package dev.salespulse.tools.simulate;

/**
 * Turns a rate into how many events are due at each tick, carrying fractions over, and keeps the
 * figures of the periodic progress log. Times are {@link System#nanoTime()} values. A pause longer
 * than a second (GC, suspended laptop) is not caught up beyond a second's worth of events. Used by
 * one thread at a time.
 */
final class Pacer {
  private static final double MAX_CATCH_UP_SECONDS = 1.0;

  private double credit;
  private long lastTick;
  private long lastProgress;
  private long countAtProgress;

  void reset(long now) {
    credit = 0;
    lastTick = now;
    lastProgress = now;
    countAtProgress = 0;
  }

  /** Events due now at {@code ratePerSecond} since the previous call. */
  int due(long now, double ratePerSecond) {
    double elapsed = Math.min(MAX_CATCH_UP_SECONDS, Math.max(0, (now - lastTick) / 1e9));
    lastTick = now;
    credit = Math.min(credit + ratePerSecond * elapsed, Math.max(1, ratePerSecond));
    int due = (int) credit;
    credit -= due;
    return due;
  }

  boolean progressDue(long now, long everyNanos) {
    return now - lastProgress >= everyNanos;
  }

  double secondsSinceProgress(long now) {
    return (now - lastProgress) / 1e9;
  }

  /** The rate of {@code count} since the last {@link #markProgress}. */
  double ratePerSecond(long now, long count) {
    double seconds = secondsSinceProgress(now);
    return seconds > 0 ? (count - countAtProgress) / seconds : 0;
  }

  void markProgress(long now, long count) {
    lastProgress = now;
    countAtProgress = count;
  }
}
