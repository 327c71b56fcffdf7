package dev.salespulse.tools.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PacerTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void shouldReleaseRateTimesElapsedCarryingFractionsOver() {
    Pacer pacer = new Pacer();
    pacer.reset(0);

    int total = 0;
    for (int tick = 1; tick <= 16; tick++) {
      total += pacer.due(tick * 62_500_000L, 12);
    }

    assertThat(total).isEqualTo(12);
  }

  @Test
  void shouldNotCatchUpMoreThanASecondAfterAPause() {
    Pacer pacer = new Pacer();
    pacer.reset(0);

    assertThat(pacer.due(30_000 * MS, 200)).isEqualTo(200);
  }

  @Test
  void shouldMeasureTheRateSinceTheLastProgressMark() {
    Pacer pacer = new Pacer();
    pacer.reset(0);
    pacer.markProgress(10_000 * MS, 100);

    assertThat(pacer.progressDue(15_000 * MS, 10_000 * MS)).isFalse();
    assertThat(pacer.progressDue(20_000 * MS, 10_000 * MS)).isTrue();
    assertThat(pacer.ratePerSecond(20_000 * MS, 600)).isEqualTo(50.0);
  }
}
