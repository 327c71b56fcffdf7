package dev.salespulse.streams.topology;

import static dev.salespulse.streams.testing.OrderEventBuilder.aCancellationOf;
import static dev.salespulse.streams.testing.OrderEventBuilder.anOrder;
import static dev.salespulse.streams.testing.Reps.ADA;
import static dev.salespulse.streams.testing.Reps.CHO;
import static dev.salespulse.streams.testing.Reps.ZED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.events.LargeDeal;
import dev.salespulse.streams.testing.OrderEventBuilder;
import dev.salespulse.streams.testing.TopologyHarness;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Placed orders whose converted amount reaches {@code SALESPULSE_FEED_LARGE_DEAL} go to {@code
 * sales.feed}, keyed by orderId, with the rep's name and team from the roster; smaller orders,
 * corrections, duplicates and rejected orders do not.
 */
class LargeDealFeedTopologyTest {
  private static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");

  private TopologyHarness harness =
      TopologyHarness.start(
              Map.of("SALESPULSE_TIMEZONE", "UTC", "SALESPULSE_FEED_LARGE_DEAL", "1000"),
              TopologyHarness.WALL_CLOCK_START)
          .roster(ADA, CHO);

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void shouldFeedAnOrderAtTheThresholdWithItsRepAndTeam() {
    OrderEventBuilder order = anOrder().rep(CHO).channel("phone").amount("1000.00").at(AT);

    harness.send(order);

    List<TestRecord<String, String>> feed = harness.feed();
    assertThat(feed).hasSize(1);
    assertThat(feed.get(0).key()).isEqualTo(order.orderId());
    // Stamped with the wall clock, not the event time (brokers refuse records far ahead).
    assertThat(feed.get(0).getRecordTime()).isAfterOrEqualTo(TopologyHarness.WALL_CLOCK_START);
    LargeDeal deal = LargeDeal.parse(feed.get(0).value()).orElseThrow();
    assertThat(deal.orderId()).isEqualTo(order.orderId());
    assertThat(deal.occurredAt()).isEqualTo(AT);
    assertThat(deal.repId()).isEqualTo("rep-cho");
    assertThat(deal.repName()).isEqualTo("Cho Min");
    assertThat(deal.teamId()).isEqualTo("team-south");
    assertThat(deal.region()).isEqualTo("AMER");
    assertThat(deal.channel()).contains("phone");
    assertThat(deal.amount()).isEqualTo(new BigDecimal("1000.00"));
    assertThat(deal.currency()).isEqualTo("USD");
  }

  @Test
  void shouldNotFeedAnOrderJustBelowTheThreshold() {
    harness.send(anOrder().amount("999.99").at(AT));

    assertThat(harness.feed()).isEmpty();
    assertThat(harness.day("company:all", "2026-11-26")).isNotNull();
  }

  @Test
  void shouldJudgeTheConvertedAmountNotTheOrdersOwn() {
    harness.fxRate("EUR", "1.10").fxRate("JPY", "0.0065");

    // 950 EUR = 1045.00 USD: large. 100000 JPY = 650.00 USD: not.
    harness.send(
        anOrder().currency("EUR").amount("950").at(AT),
        anOrder().currency("JPY").amount("100000").at(AT));

    List<TestRecord<String, String>> feed = harness.feed();
    assertThat(feed).hasSize(1);
    LargeDeal deal = LargeDeal.parse(feed.get(0).value()).orElseThrow();
    assertThat(deal.amount()).isEqualTo(new BigDecimal("1045.00"));
    assertThat(deal.originalAmount()).isEqualByComparingTo("950");
    assertThat(deal.originalCurrency()).isEqualTo("EUR");
  }

  @Test
  void shouldFeedADuplicateOnceAndCorrectionsNever() {
    OrderEventBuilder order = anOrder().eventId("e-big").amount("5000.00").at(AT);
    harness.send(order);
    harness.send(order);
    harness.send(aCancellationOf(order.orderId()).at(AT.plusSeconds(60)));

    assertThat(harness.feed()).hasSize(1);
    assertThat(harness.day("company:all", "2026-11-26").orders()).isZero();
  }

  @Test
  void shouldNotFeedARejectedOrder() {
    harness.send(anOrder().currency("EUR").amount("5000.00").at(AT));

    assertThat(harness.feed()).isEmpty();
    assertThat(harness.deadLetters()).hasSize(1);
  }

  @Test
  void shouldFeedARepOffTheRosterUnderUnassigned() {
    harness.send(anOrder().rep(ZED).amount("2000").at(AT));

    LargeDeal deal = LargeDeal.parse(harness.feed().get(0).value()).orElseThrow();
    assertThat(deal.repId()).isEqualTo("rep-zed");
    assertThat(deal.repName()).isEqualTo("rep-zed");
    assertThat(deal.teamId()).isEqualTo("unassigned");
    assertThat(deal.channel()).isEqualTo(Optional.empty());
  }
}
