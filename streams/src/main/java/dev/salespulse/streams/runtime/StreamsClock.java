package dev.salespulse.streams.runtime;

import java.time.Clock;
import java.util.function.LongSupplier;
import org.apache.kafka.common.utils.Time;

/**
 * The clock Kafka Streams runs on: the wall clock as it was at start, advanced by the monotonic
 * clock ({@link System#nanoTime()}) from then on, so a jump of the wall clock while the process
 * runs (an NTP step, a VM resumed from a snapshot, someone setting the time) does not reach the
 * topology.
 *
 * <p>Kafka Streams reads this clock for its wall-clock punctuations (the ingest flush every 200 ms,
 * the publication of KPI changes, the clean-ups of event ids, orders and day buckets), for {@code
 * ProcessorContext#currentSystemTimeMs()} (the arrival time dedup and order retention are measured
 * in, the "7 days in the future" check, the cap on the retention reference) and for its commit
 * timing. On the wall clock, a jump back froze every punctuation until the clock caught up again
 * (Kafka schedules the next one at the previous time plus the interval) and so froze every KPI; a
 * jump forward past {@code SALESPULSE_DEDUP_RETENTION} forgot every event id at once, and one of
 * more than the brokers' {@code message.timestamp.after.max.ms} made them refuse the changelog
 * records written by punctuations, which stopped the Streams client.
 *
 * <p>Limits: the clock is anchored once per process, so after a jump it differs from the wall clock
 * by the jump until the process restarts ({@link #offsetFrom} measures it); the JVM's monotonic
 * clock drifts from true time as the machine's oscillator does (NTP slews it).
 */
public final class StreamsClock implements Time {
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private final long startMillis;
  private final long startNanos;
  private final LongSupplier nanoTime;

  StreamsClock(long wallMillisAtStart, LongSupplier nanoTime) {
    this.startMillis = wallMillisAtStart;
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
  }

  /** A clock that starts at {@code wallClock}'s time now and runs on the JVM's monotonic clock. */
  public static StreamsClock startingAt(Clock wallClock) {
    return new StreamsClock(wallClock.millis(), System::nanoTime);
  }

  @Override
  public long milliseconds() {
    return startMillis + Math.floorDiv(nanoTime.getAsLong() - startNanos, NANOS_PER_MILLI);
  }

  @Override
  public long nanoseconds() {
    return nanoTime.getAsLong();
  }

  @Override
  public void sleep(long ms) {
    Time.SYSTEM.sleep(ms);
  }

  /**
   * How far {@code wallMillis} is ahead of this clock (negative: behind): the sum of the wall
   * clock's jumps since start.
   */
  public long offsetFrom(long wallMillis) {
    return wallMillis - milliseconds();
  }
}
