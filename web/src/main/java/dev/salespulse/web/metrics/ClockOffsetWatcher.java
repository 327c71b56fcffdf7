package dev.salespulse.web.metrics;

import dev.salespulse.streams.runtime.StreamsClock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code salespulse_clock_offset_seconds}: how far the wall clock is from the clock Kafka Streams
 * runs on ({@link StreamsClock}, the wall clock at start advanced by the monotonic clock), that is
 * the sum of the wall clock's jumps since the process started. Each new jump of more than {@link
 * #LOG_STEP} is logged once, with what it changes.
 */
public final class ClockOffsetWatcher implements AutoCloseable {
  static final Duration LOG_STEP = Duration.ofSeconds(5);
  private static final Duration CHECK_INTERVAL = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(ClockOffsetWatcher.class);

  private final StreamsClock streamsClock;
  private final Clock wallClock;
  private long loggedOffsetMs;
  private final ScheduledExecutorService checker =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "clock-offset");
            thread.setDaemon(true);
            return thread;
          });

  public ClockOffsetWatcher(StreamsClock streamsClock, Clock wallClock, MeterRegistry registry) {
    this.streamsClock = streamsClock;
    this.wallClock = wallClock;
    Gauge.builder("salespulse.clock.offset", () -> offsetMs() / 1000.0)
        .baseUnit("seconds")
        .description(
            "Wall clock minus the clock Kafka Streams runs on: the wall clock's jumps since start")
        .register(registry);
    long interval = CHECK_INTERVAL.toMillis();
    checker.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.MILLISECONDS);
  }

  private long offsetMs() {
    return streamsClock.offsetFrom(wallClock.millis());
  }

  /** Logs a jump of the wall clock once, when the offset moved by more than the log step. */
  synchronized void check() {
    long offset = offsetMs();
    if (Math.abs(offset - loggedOffsetMs) <= LOG_STEP.toMillis()) {
      return;
    }
    LOG.warn(
        "The wall clock jumped by {} s; it is now {} s {} the clock Kafka Streams has run on since"
            + " this process started. Counting goes on unaffected (punctuations, dedup and"
            + " retention use that clock); queries and the live feed follow the wall clock"
            + " (\"today\", last15m). A restart takes the wall clock's time again.",
        Math.round((offset - loggedOffsetMs) / 1000.0),
        Math.round(Math.abs(offset) / 1000.0),
        offset >= 0 ? "ahead of" : "behind");
    loggedOffsetMs = offset;
  }

  @Override
  public void close() {
    checker.shutdownNow();
  }
}
