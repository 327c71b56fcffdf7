package dev.salespulse.streams.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * A placed order at or above {@code SALESPULSE_FEED_LARGE_DEAL} in the reporting currency, as the
 * topology writes it to {@code sales.feed} (keyed by orderId) once the order was validated,
 * deduped, converted and attributed. Later cancellations or refunds of the order do not retract it:
 * the feed says what landed, the KPIs say what counts.
 *
 * @param amount the converted amount, in the reporting {@code currency}, with its fraction digits
 * @param originalAmount the order's amount in its own {@code originalCurrency}
 */
public record LargeDeal(
    String orderId,
    String eventId,
    Instant occurredAt,
    String repId,
    String repName,
    String teamId,
    String region,
    Optional<String> channel,
    BigDecimal amount,
    String currency,
    BigDecimal originalAmount,
    String originalCurrency) {

  /** Money as plain JSON numbers with their exact digits both ways (never 1E+3, never 1000.0). */
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();

  /** The value written to {@code sales.feed}. */
  public String toJson() {
    ObjectNode json = JSON.createObjectNode();
    json.put("type", "LARGE_DEAL");
    json.put("orderId", orderId);
    json.put("eventId", eventId);
    json.put("occurredAt", occurredAt.toString());
    json.put("repId", repId);
    json.put("repName", repName);
    json.put("teamId", teamId);
    json.put("region", region);
    channel.ifPresent(c -> json.put("channel", c));
    json.put("amount", amount);
    json.put("currency", currency);
    json.put("originalAmount", originalAmount);
    json.put("originalCurrency", originalCurrency);
    try {
      return JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a large deal as JSON", e);
    }
  }

  /** A record of {@code sales.feed}, or empty when it is not a large deal this version reads. */
  public static Optional<LargeDeal> parse(String text) {
    try {
      JsonNode json = JSON.readTree(text);
      if (json == null || !"LARGE_DEAL".equals(json.path("type").asText())) {
        return Optional.empty();
      }
      return Optional.of(
          new LargeDeal(
              json.get("orderId").asText(),
              json.get("eventId").asText(),
              Instant.parse(json.get("occurredAt").asText()),
              json.get("repId").asText(),
              json.get("repName").asText(),
              json.get("teamId").asText(),
              json.get("region").asText(),
              Optional.ofNullable(json.get("channel")).map(JsonNode::asText),
              json.get("amount").decimalValue(),
              json.get("currency").asText(),
              json.get("originalAmount").decimalValue(),
              json.get("originalCurrency").asText()));
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
