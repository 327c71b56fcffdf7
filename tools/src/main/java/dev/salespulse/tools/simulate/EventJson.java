package dev.salespulse.tools.simulate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Writes simulated events as the JSON of the design contract (sections Topics and Events): field
 * names and order as in its examples, instants in ISO-8601 with {@code Z}, money as plain JSON
 * numbers with 2 fraction digits. Never writes {@code teamId} or {@code region} on an event: those
 * come from the roster.
 */
final class EventJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private EventJson() {}

  static String rosterEntry(Rep rep) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("repId", rep.repId());
    node.put("name", rep.name());
    node.put("teamId", rep.teamId());
    node.put("region", rep.region());
    node.put("active", true);
    return write(node);
  }

  static String placed(String eventId, PlacedOrder order) {
    ObjectNode node = order(eventId, "ORDER_PLACED", order.placedAt(), order, order.amount());
    ArrayNode lines = node.putArray("lines");
    for (OrderLine line : order.lines()) {
      ObjectNode json = lines.addObject();
      json.put("sku", line.sku().sku());
      json.put("category", line.sku().category());
      json.put("quantity", line.quantity());
      json.put("unitPrice", line.sku().unitPrice());
    }
    return write(node);
  }

  /** A cancellation, repeating the original order's rep, customer, channel and whole amount. */
  static String cancelled(String eventId, Instant at, PlacedOrder order) {
    return write(order(eventId, "ORDER_CANCELLED", at, order, order.amount()));
  }

  static String refunded(String eventId, Instant at, PlacedOrder order, BigDecimal amount) {
    return write(order(eventId, "ORDER_REFUNDED", at, order, amount));
  }

  static String activity(String eventId, Instant at, Activity activity) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("eventId", eventId);
    node.put("type", activity.type());
    node.put("occurredAt", at.toString());
    node.put("repId", activity.repId());
    node.put("customerId", activity.customerId());
    if (activity.outcome() != null) {
      node.put("outcome", activity.outcome());
    }
    if (activity.durationSeconds() != null) {
      node.put("durationSeconds", activity.durationSeconds());
    }
    node.put("dealValue", activity.dealValue());
    return write(node);
  }

  private static ObjectNode order(
      String eventId, String type, Instant at, PlacedOrder order, BigDecimal amount) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("eventId", eventId);
    node.put("type", type);
    node.put("orderId", order.orderId());
    node.put("occurredAt", at.toString());
    node.put("repId", order.repId());
    node.put("customerId", order.customerId());
    node.put("channel", order.channel());
    node.put("currency", order.currency());
    node.put("amount", amount);
    return node;
  }

  private static String write(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
