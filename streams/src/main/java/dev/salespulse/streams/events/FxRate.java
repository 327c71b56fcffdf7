package dev.salespulse.streams.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A rate of {@code sales.fx-rates}: one unit of {@code currency} in the reporting currency. */
public record FxRate(String currency, BigDecimal perUnitInReporting) {

  /** The rate, or empty when the record is not a usable positive rate. */
  public static Optional<FxRate> parse(String json) {
    if (json == null) {
      return Optional.empty();
    }
    try {
      JsonNode node = EventParser.object(json.getBytes(StandardCharsets.UTF_8));
      JsonNode rate = node.get("perUnitInReporting");
      String currency = new JsonFields(node).text("currency");
      if (rate == null || !rate.isNumber() || rate.decimalValue().signum() <= 0) {
        return Optional.empty();
      }
      return Optional.of(new FxRate(currency, rate.decimalValue()));
    } catch (InvalidEventException e) {
      return Optional.empty();
    }
  }
}
