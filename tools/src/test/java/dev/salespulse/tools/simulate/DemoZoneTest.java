package dev.salespulse.tools.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Which zone a demo without SALESPULSE_TIMEZONE runs in, at fixed instants. */
class DemoZoneTest {
  @Test
  void shouldPickTheBusyZoneNearestLateMorning() {
    // Sunday 23:12 UTC: Monday 10:12 in Sydney, 08:12 in Tokyo
    assertThat(DemoZone.choose(Instant.parse("2026-12-06T23:12:00Z")))
        .isEqualTo(ZoneId.of("Australia/Sydney"));
    // Monday 14:00 UTC: 11:00 in São Paulo, 09:00 in New York, 15:00 in Berlin
    assertThat(DemoZone.choose(Instant.parse("2026-12-07T14:00:00Z")))
        .isEqualTo(ZoneId.of("America/Sao_Paulo"));
    // Monday 03:30 UTC: 11:30 in Singapore, 12:30 in Tokyo, 09:00 in Kolkata
    assertThat(DemoZone.choose(Instant.parse("2026-12-07T03:30:00Z")))
        .isEqualTo(ZoneId.of("Asia/Singapore"));
  }

  @Test
  void shouldPickTheWeekdayZoneNearestItsBusinessHoursWhenNoneIsBusy() {
    // Sunday 20:00 UTC: Monday 07:00 in Sydney, 05:00 in Tokyo; weekend elsewhere
    assertThat(DemoZone.choose(Instant.parse("2026-12-06T20:00:00Z")))
        .isEqualTo(ZoneId.of("Australia/Sydney"));
    assertThat(DemoZone.busy(ZoneId.of("Australia/Sydney"), Instant.parse("2026-12-06T20:00:00Z")))
        .isFalse();
  }

  @Test
  void shouldKeepUtcWhenItIsWeekendEverywhere() {
    // Saturday 12:00 UTC: Saturday 04:00 in Los Angeles, 23:00 in Sydney
    assertThat(DemoZone.choose(Instant.parse("2026-12-05T12:00:00Z"))).isEqualTo(ZoneId.of("UTC"));
  }
}
