package dev.salespulse.tools.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/**
 * Checks one simulated record against the design contract (sections Topics and Events), reading
 * numbers as exact decimals with their written scale.
 */
final class ContractAssertions {
  static final Set<String> ORDER_TYPES =
      Set.of("ORDER_PLACED", "ORDER_CANCELLED", "ORDER_REFUNDED");
  static final Set<String> ACTIVITY_TYPES =
      Set.of("CALL", "EMAIL", "MEETING", "DEMO", "LEAD_CREATED", "DEAL_WON", "DEAL_LOST");
  static final Set<String> CHANNELS = Set.of("phone", "web", "partner", "field");
  static final Set<String> CATEGORIES = Set.of("hardware", "software", "services", "support");

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private ContractAssertions() {}

  static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that an order or activity record is valid and correctly keyed; returns its JSON. */
  static JsonNode assertValidEvent(SimulatedRecord record) {
    JsonNode event = parse(record.json());
    assertThat(event.path("eventId").isTextual()).as("eventId of %s", event).isTrue();
    assertThat(event.path("eventId").asText()).isNotBlank();
    assertThat(event.path("occurredAt").isTextual()).as("occurredAt of %s", event).isTrue();
    assertThat(event.get("occurredAt").asText()).endsWith("Z");
    assertThat(Instant.parse(event.get("occurredAt").asText())).isEqualTo(record.occurredAt());
    assertThat(event.has("teamId") || event.has("region")).as("team on %s", event).isFalse();
    if (record.topicKind().equals(SimulatedRecord.ORDERS)) {
      assertValidOrder(event);
      assertThat(record.key()).isEqualTo(event.get("orderId").asText());
    } else {
      assertThat(record.topicKind()).isEqualTo(SimulatedRecord.ACTIVITIES);
      assertValidActivity(event);
      assertThat(record.key()).isEqualTo(event.get("repId").asText());
    }
    return event;
  }

  private static void assertValidOrder(JsonNode order) {
    String type = order.path("type").asText();
    assertThat(type).isIn(ORDER_TYPES);
    assertThat(order.path("orderId").asText()).startsWith("o-");
    assertThat(order.path("repId").asText()).matches("rep-\\d+");
    assertThat(order.path("customerId").asText()).matches("c-\\d+");
    assertThat(order.path("channel").asText()).isIn(CHANNELS);
    assertThat(order.path("currency").asText()).isEqualTo("USD");
    BigDecimal amount = money(order, "amount");
    if (type.equals("ORDER_PLACED")) {
      JsonNode lines = order.path("lines");
      assertThat(lines.isArray()).as("lines of %s", order).isTrue();
      assertThat(lines.size()).isBetween(1, 3);
      BigDecimal sum = BigDecimal.ZERO;
      for (JsonNode line : lines) {
        assertThat(line.path("sku").asText()).startsWith("SKU-");
        assertThat(line.path("category").asText()).isIn(CATEGORIES);
        assertThat(line.path("quantity").isInt()).as("quantity of %s", line).isTrue();
        assertThat(line.get("quantity").intValue()).isPositive();
        BigDecimal unitPrice = money(line, "unitPrice");
        sum = sum.add(unitPrice.multiply(BigDecimal.valueOf(line.get("quantity").intValue())));
      }
      assertThat(amount).as("amount of %s", order).isEqualByComparingTo(sum);
    } else {
      assertThat(order.has("lines")).isFalse();
      assertThat(amount.signum()).as("amount of %s", order).isPositive();
    }
  }

  private static void assertValidActivity(JsonNode activity) {
    String type = activity.path("type").asText();
    assertThat(type).isIn(ACTIVITY_TYPES);
    assertThat(activity.path("repId").asText()).matches("rep-\\d+");
    assertThat(activity.path("customerId").asText()).matches("c-\\d+");
    if (type.equals("CALL")) {
      assertThat(activity.path("outcome").asText()).isIn("CONNECTED", "NO_ANSWER", "VOICEMAIL");
    } else {
      assertThat(activity.has("outcome")).isFalse();
    }
    if (type.equals("CALL") || type.equals("MEETING") || type.equals("DEMO")) {
      assertThat(activity.path("durationSeconds").isInt()).isTrue();
      assertThat(activity.get("durationSeconds").intValue()).isPositive();
    }
    if (type.startsWith("DEAL_")) {
      money(activity, "dealValue");
    } else {
      assertThat(activity.path("dealValue").isNull()).as("dealValue of %s", activity).isTrue();
    }
  }

  /** A non-negative JSON number with at most 2 fraction digits. */
  static BigDecimal money(JsonNode node, String field) {
    JsonNode value = node.path(field);
    assertThat(value.isNumber()).as("%s of %s is a number", field, node).isTrue();
    BigDecimal amount = value.decimalValue();
    assertThat(amount.signum()).as("%s of %s", field, node).isNotNegative();
    assertThat(amount.scale())
        .as("fraction digits of %s in %s", field, node)
        .isLessThanOrEqualTo(2);
    return amount;
  }
}
