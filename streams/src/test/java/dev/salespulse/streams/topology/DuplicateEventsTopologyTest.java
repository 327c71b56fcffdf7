package dev.salespulse.streams.topology;

import static dev.salespulse.streams.testing.ActivityEventBuilder.aCall;
import static dev.salespulse.streams.testing.Kpis.totals;
import static dev.salespulse.streams.testing.OrderEventBuilder.aRefundOf;
import static dev.salespulse.streams.testing.OrderEventBuilder.anOrder;
import static dev.salespulse.streams.testing.TopologyHarness.header;
import static dev.salespulse.streams.testing.TopologyHarness.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.events.RejectReason;
import dev.salespulse.streams.stores.StoreNames;
import dev.salespulse.streams.testing.ActivityEventBuilder;
import dev.salespulse.streams.testing.OrderEventBuilder;
import dev.salespulse.streams.testing.TopologyHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The same eventId counts once, however often and however formatted a producer sends it. */
class DuplicateEventsTopologyTest {
  private static final String TODAY = "2026-11-26";
  private static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");

  private TopologyHarness harness;

  @BeforeEach
  void start() {
    harness = TopologyHarness.start();
  }

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void shouldCountTheSameOrderEventOnce() {
    OrderEventBuilder order = anOrder().eventId("e-42").amount("125.50").at(AT);

    harness.send(order, order);

    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("125.50", 1, 0, AT));
    assertThat(harness.duplicates()).isEqualTo(1.0);
    assertThat(harness.deadLetters()).isEmpty();
  }

  /**
   * With the production record cache the ingest puts its open pages once per commit, not with each
   * event: the driver commits after every input, so each id and order must be stored by then.
   */
  @Test
  void anEventIdAndAnOrderAreStoredByTheCommitOfTheirEvent() {
    try (TopologyHarness cached = TopologyHarness.startWithProductionCache()) {
      cached.send(anOrder().eventId("e-1").orderId("o-1").at(AT));
      cached.send(aCall().eventId("a-1").at(AT));

      assertThat(cached.remembersEventId(StoreNames.ORDER_DEDUP, "e-1")).isTrue();
      assertThat(cached.changelogRemembersEventId(StoreNames.ORDER_DEDUP, "e-1"))
          .as("in the changelog of the same commit, what a restore rebuilds the store from")
          .isTrue();
      assertThat(cached.remembersEventId(StoreNames.ACTIVITY_DEDUP, "a-1")).isTrue();
      assertThat(cached.changelogRemembersEventId(StoreNames.ACTIVITY_DEDUP, "a-1")).isTrue();
      assertThat(cached.storedKeys(StoreNames.ORDER_PAGES)).hasSize(1);

      cached.send(anOrder().eventId("e-2").orderId("o-2").at(AT));

      assertThat(cached.remembersEventId(StoreNames.ORDER_DEDUP, "e-2")).isTrue();
      assertThat(cached.changelogRemembersEventId(StoreNames.ORDER_DEDUP, "e-2")).isTrue();
    }
  }

  @Test
  void shouldCountTheSameOrderEventOnceWhateverItsJsonFormatting() {
    OrderEventBuilder order = anOrder().eventId("e-43").amount("125.50").at(AT);
    harness.send(order);

    harness.sendRawOrder(
        new TestRecord<>(utf8(order.key()), order.reformattedBytes(), AT.plusSeconds(5)));

    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("125.50", 1, 0, AT));
    assertThat(harness.duplicates()).isEqualTo(1.0);
  }

  @Test
  void shouldCountTheSameRefundOnce() {
    OrderEventBuilder order = anOrder().amount("100.00").at(AT);
    OrderEventBuilder refund = aRefundOf(order.orderId(), "30.00").at(AT.plusSeconds(60));

    harness.send(order, refund, refund);

    assertThat(harness.day("company:all", TODAY))
        .isEqualTo(totals("70.00", 1, 0, AT.plusSeconds(60)));
  }

  @Test
  void shouldCountTheSameActivityOnce() {
    ActivityEventBuilder call = aCall().eventId("a-1").at(AT);

    harness.send(call, call);
    harness.sendRawActivity(
        new TestRecord<>(utf8(call.key()), call.reformattedBytes(), AT.plusSeconds(1)));

    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("0.00", 0, 1, AT));
    assertThat(harness.duplicates()).isEqualTo(2.0);
  }

  @Test
  void shouldCountALateActivityRetriedByItsProducerOnce() {
    Instant eightDaysAgo = AT.minus(Duration.ofDays(8));
    harness.send(aCall().at(AT));
    ActivityEventBuilder lateCall = aCall().eventId("a-late").at(eightDaysAgo);

    harness.send(lateCall, lateCall);

    assertThat(harness.day("company:all", "2026-11-18"))
        .isEqualTo(totals("0.00", 0, 1, eightDaysAgo));
    assertThat(harness.duplicates()).isEqualTo(1.0);
  }

  @Test
  void shouldCountALateRefundRetriedByItsProducerOnce() {
    Instant nineDaysAgo = AT.minus(Duration.ofDays(9));
    Instant eightDaysAgo = AT.minus(Duration.ofDays(8));
    OrderEventBuilder order = anOrder().amount("100.00").at(nineDaysAgo);
    harness.send(anOrder().amount("1.00").at(AT), order);
    OrderEventBuilder refund = aRefundOf(order.orderId(), "30.00").at(eightDaysAgo);

    harness.send(refund, refund);

    assertThat(harness.day("company:all", "2026-11-18"))
        .isEqualTo(totals("-30.00", 0, 0, eightDaysAgo));
  }

  @Test
  void shouldDeadLetterASecondPlacementOfTheSameOrderUnderAnotherEventId() {
    OrderEventBuilder order = anOrder().orderId("o-7").amount("10.00").at(AT);
    harness.send(order);

    harness.send(anOrder().orderId("o-7").amount("99.00").at(AT));

    assertThat(harness.deadLetters())
        .extracting(r -> header(r.headers(), "x-error-reason"))
        .containsExactly("duplicate-order");
    assertThat(harness.rejected(RejectReason.DUPLICATE_ORDER)).isEqualTo(1.0);
    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("10.00", 1, 0, AT));
  }

  @Test
  void shouldCountAResendOfARejectedEventOnceItCanBeCounted() {
    OrderEventBuilder order = anOrder().amount("60.00").currency("EUR").at(AT);
    harness.send(order);

    harness.fxRate("EUR", "1.5");
    harness.send(order);

    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("90.00", 1, 0, AT));
    assertThat(harness.duplicates()).isEqualTo(0.0);
  }

  @Test
  void shouldCountTheSameEventIdAgainOnceTheDedupRetentionHasPassed() {
    harness.close();
    harness =
        TopologyHarness.start(
            Map.of("SALESPULSE_DEDUP_RETENTION", "PT1H"), TopologyHarness.WALL_CLOCK_START);
    OrderEventBuilder order = anOrder().eventId("e-42").amount("125.50").at(AT);

    harness.send(order);
    harness.advanceWallClock(Duration.ofMinutes(59));
    harness.send(order);
    harness.advanceWallClock(Duration.ofMinutes(2));
    harness.send(anOrder().eventId("e-42").orderId("o-again").amount("10.00").at(AT));

    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("135.50", 2, 0, AT));
    assertThat(harness.duplicates()).isEqualTo(1.0);
  }

  @Test
  void shouldForgetEventIdsOlderThanTheRetentionSoTheStoreStaysBounded() {
    harness.close();
    harness =
        TopologyHarness.start(
            Map.of("SALESPULSE_DEDUP_RETENTION", "PT1H"), TopologyHarness.WALL_CLOCK_START);
    harness.send(anOrder().eventId("e-old").amount("1.00").at(AT));
    harness.send(aCall().eventId("a-old").at(AT));
    harness.advanceWallClock(Duration.ofMinutes(30));
    harness.send(anOrder().eventId("e-new").orderId("o-new").amount("2.00").at(AT));

    harness.advanceWallClock(Duration.ofMinutes(31));

    assertThat(harness.remembersEventId(StoreNames.ORDER_DEDUP, "e-old")).isFalse();
    assertThat(harness.remembersEventId(StoreNames.ACTIVITY_DEDUP, "a-old")).isFalse();
    assertThat(harness.remembersEventId(StoreNames.ORDER_DEDUP, "e-new")).isTrue();
  }
}
