package dev.salespulse.streams.topology;

import static dev.salespulse.streams.testing.Kpis.totals;
import static dev.salespulse.streams.testing.OrderEventBuilder.aRefundOf;
import static dev.salespulse.streams.testing.OrderEventBuilder.anOrder;
import static dev.salespulse.streams.testing.TopologyHarness.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.events.RejectReason;
import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.stores.SumLimits;
import dev.salespulse.streams.testing.OrderEventBuilder;
import dev.salespulse.streams.testing.TopologyHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sums never leave a {@code long}: per partition of {@code sales.orders} and business day, the
 * order that would take the day's gross, reversed amounts, line totals or units past {@link
 * SumLimits#perTaskDay} is dead-lettered as {@code overflow}, and nothing of it counts. With the
 * default 4 partitions that cap is 5,637,757,968,737,638 minor units: five orders of the largest
 * amount one event may have (10^15 minor units) fit in a day, a sixth does not.
 */
class SumOverflowTopologyTest {
  private static final String TODAY = "2026-11-26";
  private static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");
  private static final Instant YESTERDAY = AT.minus(Duration.ofDays(1));
  private static final String LARGEST = "10000000000000.00";
  private static final long LARGEST_MINOR = 1_000_000_000_000_000L;

  private final TopologyHarness harness = TopologyHarness.start();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void shouldAllowFiveOfTheLargestOrdersADayWithTheDefaultPartitions() {
    long cap = SumLimits.perTaskDay(4, Duration.ofHours(48));

    assertThat(cap).isEqualTo(5_637_757_968_737_638L);
    assertThat(cap / LARGEST_MINOR).isEqualTo(5);
  }

  @Test
  void shouldRejectTheOrderThatWouldTakeTheDaysGrossPastTheCapAndCountNothingOfIt() {
    for (int i = 0; i < 5; i++) {
      harness.send(anOrder().amount(LARGEST).at(AT));
    }

    harness.send(
        anOrder()
            .amount(LARGEST)
            .customer("c-sixth")
            .channel("phone")
            .with("lines", "[{\"category\":\"hardware\",\"quantity\":1,\"unitPrice\":1}]")
            .at(AT));
    harness.send(anOrder().amount("1.00").at(AT));
    harness.send(anOrder().amount(LARGEST).at(AT.plus(Duration.ofDays(1))));

    assertThat(harness.deadLetters())
        .singleElement()
        .satisfies(
            deadLetter -> {
              assertThat(header(deadLetter.headers(), "x-error-reason")).isEqualTo("overflow");
              assertThat(header(deadLetter.headers(), "x-error-detail")).contains(TODAY);
            });
    assertThat(harness.rejected(RejectReason.OVERFLOW)).isEqualTo(1.0);
    KpiTotals today = harness.dayTotals("company:all", TODAY);
    assertThat(today.grossMinor()).isEqualTo(5 * LARGEST_MINOR + 100);
    assertThat(today.placed()).isEqualTo(6);
    assertThat(harness.day("channel:phone", TODAY)).isNull();
    assertThat(harness.day("category:hardware", TODAY)).isNull();
    assertThat(harness.queryService(AT).kpis("company:all", "today").kpis())
        .containsEntry("customers", 1L);
    assertThat(harness.dayTotals("company:all", "2026-11-27").grossMinor())
        .isEqualTo(LARGEST_MINOR);
  }

  @Test
  void shouldKeepCountingWhenLegalOrdersWouldOverflowALong() {
    // 9,224 orders of 10^15 minor units overflow a long: the day bucket's sum used to throw
    // (Math.addExact) and stop the stream thread.
    List<OrderEventBuilder> orders = new ArrayList<>();
    for (int i = 0; i < 9_224; i++) {
      orders.add(anOrder().amount(LARGEST).at(AT));
    }
    harness.send(orders.toArray(OrderEventBuilder[]::new));

    harness.send(anOrder().amount("1.00").at(AT));

    assertThat(harness.rejected(RejectReason.OVERFLOW)).isEqualTo(9_219);
    assertThat(harness.dayTotals("company:all", TODAY).grossMinor())
        .isEqualTo(5 * LARGEST_MINOR + 100);
  }

  @Test
  void shouldBoundTheLineTotalsOfCategoriesToo() {
    String line = "[{\"category\":\"hardware\",\"quantity\":1,\"unitPrice\":" + LARGEST + "}]";
    for (int i = 0; i < 6; i++) {
      harness.send(anOrder().amount("1.00").with("lines", line).at(AT));
    }

    assertThat(harness.rejected(RejectReason.OVERFLOW)).isEqualTo(1.0);
    assertThat(harness.dayTotals("category:hardware", TODAY).grossMinor())
        .isEqualTo(5 * LARGEST_MINOR);
    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("5.00", 5, 0, AT));
  }

  @Test
  void shouldBoundUnits() {
    String line = "[{\"quantity\":999999999999999,\"unitPrice\":0}]";
    for (int i = 0; i < 6; i++) {
      harness.send(anOrder().amount("1.00").with("lines", line).at(AT));
    }

    assertThat(harness.rejected(RejectReason.OVERFLOW)).isEqualTo(1.0);
    assertThat(harness.dayTotals("company:all", TODAY).units()).isEqualTo(5 * 999_999_999_999_999L);
  }

  @Test
  void shouldBoundWhatRefundsTakeBackOnTheirOwnDay() {
    List<OrderEventBuilder> placed = new ArrayList<>();
    for (int day = 1; day <= 2; day++) {
      for (int i = 0; i < 3; i++) {
        OrderEventBuilder order =
            anOrder().amount(LARGEST).at(YESTERDAY.minus(Duration.ofDays(day)));
        placed.add(order);
        harness.send(order);
      }
    }

    for (OrderEventBuilder order : placed) {
      harness.send(aRefundOf(order.orderId(), LARGEST).at(AT));
    }

    assertThat(harness.rejected(RejectReason.OVERFLOW)).isEqualTo(1.0);
    KpiTotals today = harness.dayTotals("company:all", TODAY);
    assertThat(today.reversedMinor()).isEqualTo(5 * LARGEST_MINOR);
    assertThat(today.revenueMinor()).isEqualTo(-5 * LARGEST_MINOR);
  }
}
