package dev.salespulse.tools.simulate;

import static dev.salespulse.tools.simulate.SimulationFixtures.BERLIN;
import static dev.salespulse.tools.simulate.SimulationFixtures.MONDAY;
import static dev.salespulse.tools.simulate.SimulationFixtures.SEED;
import static dev.salespulse.tools.simulate.SimulationFixtures.generator;
import static dev.salespulse.tools.simulate.SimulationFixtures.week;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneratedOrdersTest {
  @Test
  void shouldCancelAndRefundOnlyEarlierOrdersAndNeverMoreThanIsLeft() {
    Map<String, BigDecimal> left = new HashMap<>();
    Map<String, Instant> placedAt = new HashMap<>();
    Set<String> cancelled = new HashSet<>();
    int refunds = 0;
    for (SimulatedRecord record : week(generator(SEED))) {
      JsonNode event = ContractAssertions.parse(record.json());
      String orderId = event.path("orderId").asText();
      BigDecimal amount = event.path("amount").decimalValue();
      switch (event.get("type").asText()) {
        case "ORDER_PLACED" -> {
          assertThat(left.put(orderId, amount)).as("order id reused: %s", orderId).isNull();
          placedAt.put(orderId, record.occurredAt());
        }
        case "ORDER_CANCELLED" -> {
          assertThat(left).containsKey(orderId);
          assertThat(placedAt.get(orderId)).isBeforeOrEqualTo(record.occurredAt());
          assertThat(cancelled.add(orderId)).isTrue();
          left.put(orderId, BigDecimal.ZERO);
        }
        case "ORDER_REFUNDED" -> {
          assertThat(left).containsKey(orderId);
          assertThat(placedAt.get(orderId)).isBeforeOrEqualTo(record.occurredAt());
          assertThat(amount).isLessThanOrEqualTo(left.get(orderId));
          left.put(orderId, left.get(orderId).subtract(amount));
          refunds++;
        }
        default -> {}
      }
    }
    assertThat(cancelled).isNotEmpty();
    assertThat(refunds).isPositive();
  }

  @Test
  void shouldCancelTheWholeAmountOfAnUntouchedOrder() {
    Map<String, BigDecimal> placed = new HashMap<>();
    int cancellations = 0;
    for (SimulatedRecord record : week(generator(SEED))) {
      JsonNode event = ContractAssertions.parse(record.json());
      String type = event.get("type").asText();
      if (type.equals("ORDER_PLACED")) {
        placed.put(event.get("orderId").asText(), event.get("amount").decimalValue());
      } else if (type.equals("ORDER_REFUNDED")) {
        placed.remove(event.get("orderId").asText());
      } else if (type.equals("ORDER_CANCELLED")) {
        assertThat(event.get("amount").decimalValue())
            .isEqualTo(placed.get(event.get("orderId").asText()));
        cancellations++;
      }
    }
    assertThat(cancellations).isPositive();
  }

  @Test
  void shouldVaryOrderAmountsFromSmallOrdersToOccasionalBigDeals() {
    List<BigDecimal> amounts =
        week(generator(SEED)).stream()
            .map(record -> ContractAssertions.parse(record.json()))
            .filter(event -> event.get("type").asText().equals("ORDER_PLACED"))
            .map(event -> event.get("amount").decimalValue())
            .toList();

    long small =
        amounts.stream()
            .filter(
                a ->
                    a.compareTo(BigDecimal.valueOf(100)) >= 0
                        && a.compareTo(BigDecimal.valueOf(2_000)) <= 0)
            .count();
    long big = amounts.stream().filter(a -> a.compareTo(BigDecimal.valueOf(10_000)) >= 0).count();
    assertThat(small).isGreaterThan(amounts.size() / 2);
    assertThat(big).isPositive().isLessThan(amounts.size() / 10);
    assertThat(amounts).allMatch(a -> a.compareTo(BigDecimal.valueOf(100_000)) < 0);
  }

  @Test
  void shouldMostlySellThroughTheWebShopAtNight() {
    EventGenerator generator = generator(SEED);
    Instant night = MONDAY.atTime(3, 0).atZone(BERLIN).toInstant();
    List<JsonNode> events = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      SimulatedRecord record = generator.next(night.plusSeconds(i));
      ContractAssertions.assertValidEvent(record);
      events.add(ContractAssertions.parse(record.json()));
    }

    long calls = events.stream().filter(e -> e.get("type").asText().equals("CALL")).count();
    long webOrders = events.stream().filter(e -> e.path("channel").asText().equals("web")).count();
    assertThat(calls).isLessThan(100);
    assertThat(webOrders).isGreaterThan(300);
  }
}
