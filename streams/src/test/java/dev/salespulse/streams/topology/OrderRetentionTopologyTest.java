package dev.salespulse.streams.topology;

import static dev.salespulse.streams.testing.Kpis.totals;
import static dev.salespulse.streams.testing.OrderEventBuilder.aCancellationOf;
import static dev.salespulse.streams.testing.OrderEventBuilder.aRefundOf;
import static dev.salespulse.streams.testing.OrderEventBuilder.anOrder;
import static dev.salespulse.streams.testing.Reps.ADA;
import static dev.salespulse.streams.testing.TopologyHarness.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.events.RejectReason;
import dev.salespulse.streams.stores.StoreNames;
import dev.salespulse.streams.testing.OrderEventBuilder;
import dev.salespulse.streams.testing.TopologyHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Placed orders are kept {@code SALESPULSE_ORDER_RETENTION} after they were counted, for their
 * cancellations and refunds; then they are deleted, and a correction is an {@code unknown-order}.
 */
class OrderRetentionTopologyTest {
  private static final Duration RETENTION = Duration.ofHours(2);
  private static final String TODAY = "2026-11-26";
  private static final Instant PLACED = Instant.parse("2026-11-26T10:00:00Z");
  private static final Instant CORRECTED = Instant.parse("2026-11-26T11:00:00Z");

  private TopologyHarness harness;

  @BeforeEach
  void start() {
    harness =
        TopologyHarness.start(
                Map.of("SALESPULSE_ORDER_RETENTION", RETENTION.toString()),
                TopologyHarness.WALL_CLOCK_START)
            .roster(ADA);
  }

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void shouldCountARefundArrivingJustWithinTheOrderRetention() {
    OrderEventBuilder order = anOrder().rep(ADA).amount("200.00").at(PLACED);
    harness.send(order);

    harness.advanceWallClock(RETENTION.minusSeconds(1));
    harness.send(aRefundOf(order.orderId(), "50.00").at(CORRECTED));

    assertThat(harness.deadLetters()).isEmpty();
    assertThat(harness.day("rep:rep-ada", TODAY)).isEqualTo(totals("150.00", 1, 0, CORRECTED));
  }

  /**
   * The order is still in the store (its index page holds a later order, so it is not cleaned up
   * yet), and is gone all the same.
   */
  @Test
  void shouldDeadLetterACorrectionArrivingAfterTheOrderRetentionAsUnknownOrder() {
    OrderEventBuilder order = anOrder().rep(ADA).amount("200.00").at(PLACED);
    harness.send(order);
    harness.advanceWallClock(Duration.ofMinutes(30));
    harness.send(anOrder().rep(ADA).amount("1.00").at(PLACED));
    harness.advanceWallClock(RETENTION.minusMinutes(30));
    assertThat(harness.<String>storedKeys(StoreNames.ORDERS)).contains(order.orderId());

    harness.send(aCancellationOf(order.orderId()).at(CORRECTED));

    List<TestRecord<byte[], byte[]>> deadLetters = harness.deadLetters();
    assertThat(deadLetters).hasSize(1);
    assertThat(header(deadLetters.get(0).headers(), "x-error-reason")).isEqualTo("unknown-order");
    assertThat(header(deadLetters.get(0).headers(), "x-error-detail"))
        .isEqualTo(
            "no placed order "
                + order.orderId()
                + " is kept: never seen, or placed more than PT2H ago"
                + " (SALESPULSE_ORDER_RETENTION)");
    assertThat(harness.rejected(RejectReason.UNKNOWN_ORDER)).isEqualTo(1.0);
    assertThat(harness.day("rep:rep-ada", TODAY)).isEqualTo(totals("201.00", 2, 0, PLACED));
  }

  @Test
  void shouldDeleteAnExpiredOrderAndItsIndexButKeepALaterOne() {
    OrderEventBuilder early = anOrder().rep(ADA).at(PLACED);
    harness.send(early);
    harness.advanceWallClock(Duration.ofHours(1));
    OrderEventBuilder late = anOrder().rep(ADA).at(PLACED);
    harness.send(late);
    assertThat(harness.<String>storedKeys(StoreNames.ORDERS))
        .containsExactlyInAnyOrder(early.orderId(), late.orderId());

    harness.advanceWallClock(Duration.ofHours(1).plus(OrderExpiry.EXPIRY_INTERVAL));

    assertThat(harness.<String>storedKeys(StoreNames.ORDERS)).containsExactly(late.orderId());
    assertThat(harness.<Long>storedKeys(StoreNames.ORDER_PAGES)).hasSize(1);

    harness.advanceWallClock(Duration.ofHours(1));

    assertThat(harness.<String>storedKeys(StoreNames.ORDERS)).isEmpty();
    assertThat(harness.<Long>storedKeys(StoreNames.ORDER_PAGES)).isEmpty();
  }

  @Test
  void shouldCountAnOrderPlacedAgainUnderTheIdOfAnExpiredOneAndKeepIt() {
    OrderEventBuilder first = anOrder().rep(ADA).amount("100.00").at(PLACED);
    harness.send(first);
    harness.advanceWallClock(RETENTION);
    OrderEventBuilder again =
        anOrder().orderId(first.orderId()).rep(ADA).amount("40.00").at(CORRECTED);
    harness.send(again);

    harness.advanceWallClock(OrderExpiry.EXPIRY_INTERVAL.multipliedBy(2));
    harness.send(aCancellationOf(first.orderId()).at(CORRECTED));

    assertThat(harness.deadLetters()).isEmpty();
    assertThat(harness.<String>storedKeys(StoreNames.ORDERS)).containsExactly(first.orderId());
    assertThat(harness.day("rep:rep-ada", TODAY)).isEqualTo(totals("100.00", 1, 0, CORRECTED));
  }
}
