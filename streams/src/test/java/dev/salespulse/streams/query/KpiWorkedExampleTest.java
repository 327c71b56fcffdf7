package dev.salespulse.streams.query;

import static dev.salespulse.streams.testing.ActivityEventBuilder.aCall;
import static dev.salespulse.streams.testing.ActivityEventBuilder.anActivity;
import static dev.salespulse.streams.testing.ActivityEventBuilder.anEmail;
import static dev.salespulse.streams.testing.OrderEventBuilder.aCancellationOf;
import static dev.salespulse.streams.testing.OrderEventBuilder.aRefundOf;
import static dev.salespulse.streams.testing.OrderEventBuilder.anOrder;
import static dev.salespulse.streams.testing.Reps.ADA;
import static dev.salespulse.streams.testing.Reps.BEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.testing.OrderEventBuilder;
import dev.salespulse.streams.testing.TopologyHarness;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worked example of docs/kpis.md, event by event: if this test changes, the document must
 * change with it.
 */
class KpiWorkedExampleTest {
  /** Thursday 2026-11-26, 15:30 in Berlin. */
  private static final Instant NOW = Instant.parse("2026-11-26T14:30:00Z");

  private TopologyHarness harness;

  @BeforeEach
  void playTheDay() {
    harness = TopologyHarness.start("Europe/Berlin", NOW).roster(ADA, BEN);
    harness.fxRate("EUR", "1.0837");
    harness.target("TEAM", "team-north", "DAY", "REVENUE", "5000");
    harness.send(
        anOrder()
            .orderId("o-0")
            .rep(BEN)
            .customer("c-2")
            .amount("10.00")
            .at("2026-11-20T10:00:00Z"));

    OrderEventBuilder first =
        anOrder()
            .eventId("e-1")
            .orderId("o-1")
            .rep(ADA)
            .customer("c-1")
            .channel("phone")
            .amount("1250.50")
            .with(
                "lines",
                "[{\"sku\":\"H-1\",\"category\":\"hardware\",\"quantity\":2,\"unitPrice\":625.25}]")
            .at("2026-11-26T08:15:00Z");
    harness.send(first);
    harness.send(
        anOrder()
            .orderId("o-2")
            .rep(BEN)
            .customer("c-2")
            .channel("web")
            .currency("EUR")
            .amount("200.00")
            .with(
                "lines",
                "[{\"sku\":\"S-1\",\"category\":\"software\",\"quantity\":1,\"unitPrice\":120.00},"
                    + "{\"sku\":\"V-1\",\"category\":\"services\",\"quantity\":4,\"unitPrice\":20.00}]")
            .at("2026-11-26T09:02:00Z"),
        anOrder()
            .orderId("o-3")
            .rep(ADA)
            .customer("c-1")
            .channel("phone")
            .amount("99.99")
            .with(
                "lines",
                "[{\"sku\":\"P-1\",\"category\":\"support\",\"quantity\":1,\"unitPrice\":99.99}]")
            .at("2026-11-26T10:30:00Z"),
        aRefundOf("o-1", "250.00").at("2026-11-26T12:00:00Z"),
        aCancellationOf("o-3").at("2026-11-26T13:00:00Z"));
    harness.send(first); // the producer retried: counted once
    harness.send(
        aCall().rep(ADA).at("2026-11-26T08:30:00Z"),
        aCall().rep(ADA).outcome("NO_ANSWER").at("2026-11-26T08:40:00Z"),
        aCall().rep(BEN).at("2026-11-26T09:00:00Z"),
        anEmail().rep(ADA).at("2026-11-26T09:10:00Z"),
        anActivity("MEETING").rep(BEN).at("2026-11-26T09:20:00Z"),
        anActivity("DEMO").rep(ADA).at("2026-11-26T09:30:00Z"),
        anActivity("LEAD_CREATED").rep(BEN).at("2026-11-26T09:40:00Z"),
        anActivity("DEAL_WON").rep(ADA).at("2026-11-26T11:00:00Z"),
        anActivity("DEAL_LOST").rep(BEN).at("2026-11-26T11:10:00Z"),
        anActivity("DEAL_WON").rep(ADA).at("2026-11-26T11:20:00Z"));
  }

  @AfterEach
  void close() {
    harness.close();
  }

  private Map<String, Object> kpis(String scope) {
    return harness.queryService(NOW).kpis(scope, "today").kpis();
  }

  private static void assertKpi(Map<String, Object> kpis, String name, String expected) {
    Object value = kpis.get(name);
    if (expected == null) {
      assertThat(value).as(name).isNull();
    } else if (value instanceof Long count) {
      assertThat(count).as(name).isEqualTo(Long.parseLong(expected));
    } else {
      assertThat((BigDecimal) value).as(name).isEqualByComparingTo(expected);
    }
  }

  @Test
  void teamNorthToday() {
    Map<String, Object> kpis = kpis("team:team-north");

    String[][] expected = {
      {"grossRevenue", "1567.23"},
      {"revenue", "1217.24"},
      {"orders", "2"},
      {"units", "8"},
      {"aov", "522.41"},
      {"refundRate", "0.2233"},
      {"calls", "3"},
      {"connectRate", "0.6667"},
      {"emails", "1"},
      {"meetings", "1"},
      {"demos", "1"},
      {"leads", "1"},
      {"dealsWon", "2"},
      {"dealsLost", "1"},
      {"winRate", "0.6667"},
      {"customers", "2"},
      {"newCustomers", "1"},
      {"repeatRate", "0.5000"},
      {"target", "5000"},
      {"attainment", "0.2434"},
      {"pace", "0.3371"},
      {"projected", "1685.41"},
      {"gap", "3782.76"}
    };
    for (String[] kpi : expected) {
      assertKpi(kpis, kpi[0], kpi[1]);
    }
    assertThat(harness.queryService(NOW).kpis("team:team-north", "today").targets())
        .extractingByKey("revenue")
        .satisfies(
            revenue ->
                assertThat(revenue).containsEntry("expectedShare", new BigDecimal("0.7222")));
  }

  @Test
  void categoriesAndChannels() {
    assertKpi(kpis("category:hardware"), "revenue", "1000.50");
    assertKpi(kpis("category:hardware"), "units", "2");
    assertKpi(kpis("category:software"), "revenue", "130.04");
    assertKpi(kpis("category:services"), "revenue", "86.70");
    assertKpi(kpis("category:services"), "units", "4");
    assertKpi(kpis("category:support"), "revenue", "0.00");
    assertKpi(kpis("category:support"), "orders", "0");
    assertKpi(kpis("channel:phone"), "revenue", "1000.50");
    assertKpi(kpis("channel:web"), "revenue", "216.74");
    assertKpi(kpis("rep:rep-ada"), "connectRate", "0.5000");
    assertKpi(kpis("rep:rep-ben"), "connectRate", "1.0000");
  }
}
