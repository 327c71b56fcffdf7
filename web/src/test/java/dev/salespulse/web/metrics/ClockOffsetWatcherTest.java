package dev.salespulse.web.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.salespulse.streams.runtime.StreamsClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A jump of the wall clock shows in the gauge at once and in the log once. */
class ClockOffsetWatcherTest {
  private final AtomicLong jumpedMs = new AtomicLong();
  private final Clock wall =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return Instant.ofEpochMilli(System.currentTimeMillis() + jumpedMs.get());
        }
      };
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(ClockOffsetWatcher.class);
  private ClockOffsetWatcher watcher;

  @BeforeEach
  void start() {
    log.start();
    logger.addAppender(log);
    watcher = new ClockOffsetWatcher(StreamsClock.startingAt(wall), wall, registry);
  }

  @AfterEach
  void stop() {
    watcher.close();
    logger.detachAppender(log);
  }

  @Test
  void showsAJumpBackInTheGaugeAndLogsItOnce() {
    jumpedMs.set(-Duration.ofHours(1).toMillis());

    watcher.check();
    watcher.check();

    assertThat(registry.get("salespulse.clock.offset").gauge().value())
        .isCloseTo(-3600.0, org.assertj.core.api.Assertions.within(1.0));
    assertThat(log.list).hasSize(1);
    assertThat(log.list.get(0).getFormattedMessage())
        .startsWith("The wall clock jumped by -3600 s; it is now 3600 s behind the clock");
  }

  @Test
  void logsNothingForLessThanTheLogStep() {
    jumpedMs.set(ClockOffsetWatcher.LOG_STEP.toMillis() / 2);

    watcher.check();

    assertThat(log.list).isEmpty();
  }
}
