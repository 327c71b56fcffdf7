package dev.salespulse.streams.query;

import static dev.salespulse.streams.testing.OrderEventBuilder.aCancellationOf;
import static dev.salespulse.streams.testing.OrderEventBuilder.anOrder;
import static dev.salespulse.streams.testing.Reps.ADA;
import static dev.salespulse.streams.testing.Reps.BEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.testing.TopologyHarness;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Distinct customers, new customers (first order ever in the period) and the repeat rate. */
class CustomerCountsTest {
  private static final Instant NOW = Instant.parse("2026-11-26T15:00:00Z");
  private TopologyHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  private Map<String, Object> kpis(String scope, String period) {
    return harness.queryService(NOW).kpis(scope, period).kpis();
  }

  @Test
  void shouldCountEachCustomerOnceAndOnlyNewOnesAsNew() {
    harness = TopologyHarness.start().roster(ADA, BEN);
    harness.send(
        anOrder()
            .rep(ADA)
            .customer("c-old")
            .amount("1.00")
            .at(Instant.parse("2026-11-20T10:00:00Z")),
        anOrder()
            .rep(ADA)
            .customer("c-old")
            .amount("2.00")
            .at(Instant.parse("2026-11-26T10:00:00Z")),
        anOrder()
            .rep(ADA)
            .customer("c-new")
            .amount("3.00")
            .at(Instant.parse("2026-11-26T11:00:00Z")),
        anOrder()
            .rep(BEN)
            .customer("c-new")
            .amount("4.00")
            .at(Instant.parse("2026-11-26T12:00:00Z")),
        anOrder()
            .rep(BEN)
            .customer("c-other")
            .amount("5.00")
            .at(Instant.parse("2026-11-26T13:00:00Z")),
        anOrder()
            .rep(BEN)
            .customer("c-9")
            .amount("6.00")
            .at(Instant.parse("2026-11-26T13:30:00Z")));

    assertThat(kpis("company:all", "today"))
        .containsEntry("customers", 4L)
        .containsEntry("newCustomers", 3L)
        .containsEntry("repeatRate", new BigDecimal("0.2500"));
    assertThat(kpis("rep:" + ADA.id(), "today"))
        .containsEntry("customers", 2L)
        .containsEntry("newCustomers", 1L);
    assertThat(kpis("rep:" + BEN.id(), "today"))
        .containsEntry("customers", 3L)
        .containsEntry("newCustomers", 3L)
        .containsEntry("repeatRate", new BigDecimal("0.0000"));
  }

  @Test
  void shouldRankRepsByDistinctCustomersOnTheLeaderboard() {
    harness = TopologyHarness.start().roster(ADA, BEN);
    harness.send(
        anOrder()
            .rep(ADA)
            .customer("c-1")
            .amount("100.00")
            .at(Instant.parse("2026-11-26T10:00:00Z")),
        anOrder()
            .rep(ADA)
            .customer("c-1")
            .amount("100.00")
            .at(Instant.parse("2026-11-26T11:00:00Z")),
        anOrder().rep(BEN).customer("c-2").amount("1.00").at(Instant.parse("2026-11-26T10:00:00Z")),
        anOrder()
            .rep(BEN)
            .customer("c-3")
            .amount("1.00")
            .at(Instant.parse("2026-11-26T11:00:00Z")));

    LeaderboardAnswer board =
        harness.leaderboards(NOW).leaderboard("rep", "customers", "today", 10, null, null);

    assertThat(board.metric()).isEqualTo("customers");
    assertThat(board.rows())
        .extracting(LeaderboardAnswer.Row::scope, LeaderboardAnswer.Row::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("rep:" + BEN.id(), new BigDecimal("2")),
            org.assertj.core.groups.Tuple.tuple("rep:" + ADA.id(), new BigDecimal("1")));
  }

  @Test
  void shouldCountDistinctCustomersAcrossTheDaysOfAPeriod() {
    harness = TopologyHarness.start().roster(ADA);
    harness.send(
        anOrder().rep(ADA).customer("c-1").amount("1.00").at(Instant.parse("2026-11-23T10:00:00Z")),
        anOrder().rep(ADA).customer("c-1").amount("1.00").at(Instant.parse("2026-11-25T10:00:00Z")),
        anOrder()
            .rep(ADA)
            .customer("c-2")
            .amount("1.00")
            .at(Instant.parse("2026-11-26T10:00:00Z")));

    assertThat(kpis("company:all", "wtd"))
        .containsEntry("customers", 2L)
        .containsEntry("newCustomers", 2L)
        .containsEntry("repeatRate", new BigDecimal("0.0000"));
    assertThat(kpis("company:all", "today")).containsEntry("customers", 1L);
  }

  @Test
  void shouldCorrectNewWhenAnEarlierFirstOrderArrivesLate() {
    harness = TopologyHarness.start().roster(ADA);
    harness.send(
        anOrder()
            .rep(ADA)
            .customer("c-1")
            .amount("1.00")
            .at(Instant.parse("2026-11-26T10:00:00Z")));
    assertThat(kpis("company:all", "today")).containsEntry("newCustomers", 1L);

    harness.send(
        anOrder()
            .rep(ADA)
            .customer("c-1")
            .amount("1.00")
            .at(Instant.parse("2026-11-02T10:00:00Z")));

    assertThat(kpis("company:all", "today"))
        .containsEntry("customers", 1L)
        .containsEntry("newCustomers", 0L)
        .containsEntry("repeatRate", new BigDecimal("1.0000"));
  }

  @Test
  void shouldKeepACustomerWhoseOrderWasCancelledAndHaveNoCountsForMinutePeriods() {
    harness = TopologyHarness.start().roster(ADA);
    harness.send(
        anOrder()
            .orderId("o-1")
            .rep(ADA)
            .customer("c-1")
            .amount("1.00")
            .at(Instant.parse("2026-11-26T14:50:00Z")),
        aCancellationOf("o-1").at(Instant.parse("2026-11-26T14:55:00Z")));

    assertThat(kpis("company:all", "today")).containsEntry("customers", 1L);
    assertThat(kpis("company:all", "last60m"))
        .containsEntry("customers", null)
        .containsEntry("repeatRate", null);
    assertThat(kpis("team:nobody", "today"))
        .containsEntry("customers", 0L)
        .containsEntry("repeatRate", null);
  }
}
