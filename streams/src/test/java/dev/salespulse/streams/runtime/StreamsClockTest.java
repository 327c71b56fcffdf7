package dev.salespulse.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StreamsClockTest {
  private static final long START = 1_800_000_000_000L;
  private static final long DAY = 86_400_000L;

  private final AtomicLong nanos = new AtomicLong(123_456_789L);
  private final StreamsClock clock = new StreamsClock(START, nanos::get);

  @Test
  void startsAtTheWallClockAndRunsOnTheMonotonicClock() {
    assertThat(clock.milliseconds()).isEqualTo(START);

    nanos.addAndGet(2_500_000L);

    assertThat(clock.milliseconds()).isEqualTo(START + 2);
    assertThat(clock.nanoseconds()).isEqualTo(123_456_789L + 2_500_000L);
  }

  @Test
  void measuresHowFarTheWallClockJumpedSinceStart() {
    nanos.addAndGet(60_000_000_000L);

    assertThat(clock.offsetFrom(START + 60_000)).isZero();
    assertThat(clock.offsetFrom(START + 60_000 + 8 * DAY)).isEqualTo(8 * DAY);
    assertThat(clock.offsetFrom(START + 60_000 - 3_600_000)).isEqualTo(-3_600_000);
  }
}
