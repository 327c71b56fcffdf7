package dev.salespulse.streams.query;

import static dev.salespulse.streams.testing.OrderEventBuilder.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.testing.TopologyHarness;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "Today" on daylight-saving days, end to end through the topology: a day bucket holds exactly the
 * events between local midnight and local midnight, 23 or 25 hours apart.
 */
class DaylightSavingKpiTest {
  private TopologyHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  private BigDecimal revenueToday(Instant now) {
    return (BigDecimal)
        harness.queryService(now).kpis("company:all", "today").kpis().get("revenue");
  }

  @Test
  void shouldCountAllTwentyFiveHoursOfTheAutumnChangeInBerlin() {
    harness = TopologyHarness.start("Europe/Berlin", Instant.parse("2026-10-26T06:00:00Z"));
    harness.send(
        anOrder().amount("1.00").at(Instant.parse("2026-10-24T21:59:59Z")), // Saturday 23:59:59
        anOrder().amount("10.00").at(Instant.parse("2026-10-24T22:00:00Z")), // Sunday 00:00 CEST
        anOrder().amount("20.00").at(Instant.parse("2026-10-25T00:30:00Z")), // 02:30 CEST
        anOrder().amount("40.00").at(Instant.parse("2026-10-25T01:30:00Z")), // 02:30 CET, again
        anOrder().amount("80.00").at(Instant.parse("2026-10-25T22:59:59Z")), // 23:59:59 CET
        anOrder().amount("2.00").at(Instant.parse("2026-10-25T23:00:00Z"))); // Monday

    assertThat(revenueToday(Instant.parse("2026-10-25T12:00:00Z"))).isEqualByComparingTo("150.00");
    assertThat(revenueToday(Instant.parse("2026-10-26T06:00:00Z"))).isEqualByComparingTo("2.00");
  }

  @Test
  void shouldCountOnlyTwentyThreeHoursOnTheSpringChangeInBerlin() {
    harness = TopologyHarness.start("Europe/Berlin", Instant.parse("2026-03-30T06:00:00Z"));
    harness.send(
        anOrder().amount("10.00").at(Instant.parse("2026-03-28T23:00:00Z")), // Sunday 00:00 CET
        anOrder().amount("20.00").at(Instant.parse("2026-03-29T01:00:00Z")), // 03:00 CEST
        anOrder().amount("40.00").at(Instant.parse("2026-03-29T21:59:00Z")), // 23:59 CEST
        anOrder().amount("1.00").at(Instant.parse("2026-03-29T22:00:00Z"))); // Monday

    KpiAnswer today =
        harness.queryService(Instant.parse("2026-03-29T12:00:00Z")).kpis("company:all", "today");

    assertThat(today.kpis()).containsEntry("revenue", new BigDecimal("70.00"));
    assertThat(today.to().toEpochMilli() - today.from().toEpochMilli()).isEqualTo(23 * 3_600_000L);
  }

  @Test
  void shouldKeepNewYorksBusinessDayAcrossTheUtcMidnight() {
    harness = TopologyHarness.start("America/New_York", Instant.parse("2026-11-02T12:00:00Z"));
    harness.send(
        anOrder().amount("5.00").at(Instant.parse("2026-11-01T04:00:00Z")), // 00:00 EDT
        anOrder().amount("7.00").at(Instant.parse("2026-11-02T04:59:00Z")), // 23:59 EST
        anOrder().amount("9.00").at(Instant.parse("2026-11-02T05:00:00Z"))); // Monday

    assertThat(revenueToday(Instant.parse("2026-11-01T20:00:00Z"))).isEqualByComparingTo("12.00");
    assertThat(
            harness
                .queryService(Instant.parse("2026-11-02T12:00:00Z"))
                .kpis("company:all", "custom", "2026-11-01", "2026-11-03")
                .kpis())
        .containsEntry("orders", 3L);
  }

  @Test
  void shouldSumQuarterToDateFromTheFiscalYearStart() {
    harness =
        TopologyHarness.start(
            Map.of("SALESPULSE_FISCAL_YEAR_START", "FEBRUARY", "SALESPULSE_TIMEZONE", "UTC"),
            Instant.parse("2026-01-15T12:00:00Z"));
    harness.send(
        anOrder().amount("3.00").at(Instant.parse("2025-10-31T12:00:00Z")), // previous quarter
        anOrder().amount("4.00").at(Instant.parse("2025-11-01T00:00:00Z")),
        anOrder().amount("5.00").at(Instant.parse("2026-01-15T11:00:00Z")));

    KpiAnswer qtd =
        harness.queryService(Instant.parse("2026-01-15T12:00:00Z")).kpis("company:all", "qtd");

    assertThat(qtd.from()).isEqualTo(Instant.parse("2025-11-01T00:00:00Z"));
    assertThat(qtd.kpis()).containsEntry("revenue", new BigDecimal("9.00"));
  }
}
