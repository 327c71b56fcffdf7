package dev.salespulse.streams.topology;

import static dev.salespulse.streams.testing.Kpis.totals;
import static dev.salespulse.streams.testing.OrderEventBuilder.aCancellationOf;
import static dev.salespulse.streams.testing.OrderEventBuilder.aRefundOf;
import static dev.salespulse.streams.testing.OrderEventBuilder.anOrder;
import static dev.salespulse.streams.testing.Reps.ADA;
import static dev.salespulse.streams.testing.Reps.BEN;
import static dev.salespulse.streams.testing.Reps.CHO;
import static dev.salespulse.streams.testing.TopologyHarness.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.events.RejectReason;
import dev.salespulse.streams.testing.OrderEventBuilder;
import dev.salespulse.streams.testing.Rep;
import dev.salespulse.streams.testing.TopologyHarness;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cancellations and refunds: taken back from the original order's rep, team, region and channel,
 * counted on their own day, and never more than what is left of the order.
 */
class OrderCorrectionsTopologyTest {
  private static final String TODAY = "2026-11-26";
  private static final Instant PLACED = Instant.parse("2026-11-26T10:00:00Z");
  private static final Instant CORRECTED = Instant.parse("2026-11-26T11:00:00Z");

  private TopologyHarness harness;

  @BeforeEach
  void start() {
    harness = TopologyHarness.start().roster(ADA, BEN, CHO);
  }

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void shouldTakeBackRemainingAmountAndOrderOnCancellation() {
    OrderEventBuilder order = anOrder().rep(ADA).channel("phone").amount("200.00").at(PLACED);
    harness.send(order, anOrder().rep(ADA).amount("15.00").at(PLACED));

    harness.send(aCancellationOf(order.orderId()).at(CORRECTED));

    assertThat(harness.day("rep:rep-ada", TODAY)).isEqualTo(totals("15.00", 1, 0, CORRECTED));
    assertThat(harness.day("channel:phone", TODAY)).isEqualTo(totals("0.00", 0, 0, CORRECTED));
    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("15.00", 1, 0, CORRECTED));
  }

  @Test
  void shouldCountCancellationAgainstOriginalRepEvenWhenItNamesAnother() {
    OrderEventBuilder order = anOrder().rep(ADA).channel("web").amount("80.00").at(PLACED);
    harness.send(order);

    harness.send(aCancellationOf(order.orderId()).repId(CHO.id()).channel("phone").at(CORRECTED));

    assertThat(harness.day("rep:rep-ada", TODAY)).isEqualTo(totals("0.00", 0, 0, CORRECTED));
    assertThat(harness.day("team:team-north", TODAY)).isEqualTo(totals("0.00", 0, 0, CORRECTED));
    assertThat(harness.day("region:EMEA", TODAY)).isEqualTo(totals("0.00", 0, 0, CORRECTED));
    assertThat(harness.day("channel:web", TODAY)).isEqualTo(totals("0.00", 0, 0, CORRECTED));
    assertThat(harness.day("rep:rep-cho", TODAY)).isNull();
    assertThat(harness.day("team:team-south", TODAY)).isNull();
    assertThat(harness.day("channel:phone", TODAY)).isNull();
  }

  @Test
  void shouldTakeCancellationBackFromTheTeamTheOrderWasCountedInAfterARosterChange() {
    OrderEventBuilder order = anOrder().rep(ADA).amount("70.00").at(PLACED);
    harness.send(order);
    harness.roster(new Rep(ADA.id(), ADA.name(), "team-south", "AMER"));

    harness.send(aCancellationOf(order.orderId()).at(CORRECTED));

    assertThat(harness.day("team:team-north", TODAY)).isEqualTo(totals("0.00", 0, 0, CORRECTED));
    assertThat(harness.day("region:EMEA", TODAY)).isEqualTo(totals("0.00", 0, 0, CORRECTED));
    assertThat(harness.day("team:team-south", TODAY)).isNull();
  }

  @Test
  void shouldCountRefundAgainstOriginalRep() {
    OrderEventBuilder order = anOrder().rep(BEN).amount("120.00").at(PLACED);
    harness.send(order);

    harness.send(aRefundOf(order.orderId(), "20.00").repId(CHO.id()).at(CORRECTED));

    assertThat(harness.day("rep:rep-ben", TODAY)).isEqualTo(totals("100.00", 1, 0, CORRECTED));
    assertThat(harness.day("rep:rep-cho", TODAY)).isNull();
  }

  @Test
  void shouldTakePartialRefundOffRevenueButNotOffOrders() {
    OrderEventBuilder order = anOrder().rep(ADA).amount("1250.50").at(PLACED);
    harness.send(order);

    harness.send(aRefundOf(order.orderId(), "250.25").at(CORRECTED));

    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("1000.25", 1, 0, CORRECTED));
  }

  @Test
  void shouldTakeBackOnlyWhatIsLeftWhenCancellingAfterPartialRefund() {
    OrderEventBuilder order = anOrder().rep(ADA).amount("200.00").at(PLACED);
    harness.send(order, aRefundOf(order.orderId(), "50.00").at(CORRECTED));

    harness.send(aCancellationOf(order.orderId()).at(CORRECTED.plusSeconds(60)));

    assertThat(harness.day("company:all", TODAY))
        .isEqualTo(totals("0.00", 0, 0, CORRECTED.plusSeconds(60)));
  }

  @Test
  void shouldDeadLetterRefundExceedingWhatIsLeft() {
    OrderEventBuilder order = anOrder().rep(ADA).amount("200.00").at(PLACED);
    harness.send(order, aRefundOf(order.orderId(), "150.00").at(CORRECTED));
    harness.deadLetters();

    harness.send(aRefundOf(order.orderId(), "50.01").at(CORRECTED.plusSeconds(60)));

    assertThat(reasonsOf(harness.deadLetters())).containsExactly("refund-exceeds-order");
    assertThat(harness.rejected(RejectReason.REFUND_EXCEEDS_ORDER)).isEqualTo(1.0);
    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("50.00", 1, 0, CORRECTED));
  }

  @Test
  void shouldAcceptRefundOfExactlyWhatIsLeft() {
    OrderEventBuilder order = anOrder().rep(ADA).amount("200.00").at(PLACED);
    harness.send(order, aRefundOf(order.orderId(), "150.00").at(CORRECTED));

    harness.send(aRefundOf(order.orderId(), "50.00").at(CORRECTED));

    assertThat(harness.deadLetters()).isEmpty();
    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("0.00", 1, 0, CORRECTED));
  }

  @Test
  void shouldDeadLetterCancellationAndRefundOfUnknownOrder() {
    harness.send(
        aCancellationOf("o-never-placed").at(CORRECTED),
        aRefundOf("o-never-placed", "5.00").at(CORRECTED));

    assertThat(reasonsOf(harness.deadLetters())).containsExactly("unknown-order", "unknown-order");
    assertThat(harness.rejected(RejectReason.UNKNOWN_ORDER)).isEqualTo(2.0);
    assertThat(harness.day("company:all", TODAY)).isNull();
  }

  @Test
  void shouldDeadLetterRefundOfCancelledOrder() {
    OrderEventBuilder order = anOrder().rep(ADA).amount("200.00").at(PLACED);
    harness.send(order, aCancellationOf(order.orderId()).at(CORRECTED));

    harness.send(aRefundOf(order.orderId(), "10.00").at(CORRECTED));

    assertThat(reasonsOf(harness.deadLetters())).containsExactly("order-cancelled");
    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("0.00", 0, 0, CORRECTED));
  }

  @Test
  void shouldCountCorrectionOnItsOwnDay() {
    Instant placedYesterday = Instant.parse("2026-11-25T16:30:00Z");
    OrderEventBuilder order = anOrder().rep(ADA).amount("300.00").at(placedYesterday);
    harness.send(order);

    harness.send(
        aRefundOf(order.orderId(), "100.00").at(CORRECTED),
        aCancellationOf(order.orderId()).at(CORRECTED.plusSeconds(60)));

    assertThat(harness.day("rep:rep-ada", "2026-11-25"))
        .isEqualTo(totals("300.00", 1, 0, placedYesterday));
    assertThat(harness.day("rep:rep-ada", TODAY))
        .isEqualTo(totals("-300.00", -1, 0, CORRECTED.plusSeconds(60)));
  }

  @Test
  void shouldCountCancellationThatArrivedBeforeItsOrderOnceTheOrderIsResentAfterIt() {
    OrderEventBuilder order = anOrder().rep(ADA).amount("40.00").at(PLACED);
    OrderEventBuilder cancel = aCancellationOf(order.orderId()).at(CORRECTED);
    harness.send(cancel);

    harness.send(order, cancel);

    assertThat(reasonsOf(harness.deadLetters())).containsExactly("unknown-order");
    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("0.00", 0, 0, CORRECTED));
  }

  private static List<String> reasonsOf(List<TestRecord<byte[], byte[]>> records) {
    return records.stream().map(r -> header(r.headers(), "x-error-reason")).toList();
  }
}
