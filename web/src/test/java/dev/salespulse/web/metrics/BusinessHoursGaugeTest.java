package dev.salespulse.web.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.config.BusinessHours;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BusinessHoursGaugeTest {
  private static final BusinessHours NINE_TO_SIX = BusinessHours.parse("09:00-18:00");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static double gaugeAt(String instant, ZoneId zone) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    BusinessHoursGauge.register(
        NINE_TO_SIX, zone, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), registry);
    return registry.get("salespulse.business.hours").gauge().value();
  }

  @Test
  void isOneInsideBusinessHoursOfTheBusinessTimeZone() {
    // Thursday 26 November 2026, 08:30 UTC is 09:30 in Berlin.
    assertThat(gaugeAt("2026-11-26T08:30:00Z", BERLIN)).isEqualTo(1.0);
    assertThat(gaugeAt("2026-11-26T08:30:00Z", ZoneOffset.UTC)).isEqualTo(0.0);
  }

  @Test
  void startIsInsideAndEndIsOutside() {
    assertThat(gaugeAt("2026-11-26T08:00:00Z", BERLIN)).isEqualTo(1.0);
    assertThat(gaugeAt("2026-11-26T16:59:59Z", BERLIN)).isEqualTo(1.0);
    assertThat(gaugeAt("2026-11-26T17:00:00Z", BERLIN)).isEqualTo(0.0);
  }

  @Test
  void isZeroAtWeekends() {
    // Saturday 28 November 2026, noon in Berlin.
    assertThat(gaugeAt("2026-11-28T11:00:00Z", BERLIN)).isEqualTo(0.0);
  }
}
