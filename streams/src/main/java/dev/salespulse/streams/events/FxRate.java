package dev.salespulse.streams.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A rate of {@code sales.fx-rates}: one unit of {@code currency} in the reporting currency. A
 * usable rate is a positive JSON number from {@link #MIN} to {@link #MAX} with at most {@link
 * #MAX_DIGITS} significant digits: wide enough for any currency pair in use, while a rate such as
 * {@code 1e999999999} would make every conversion in its currency build a decimal of a billion
 * digits (seconds to hours per order).
 */
public record FxRate(String currency, BigDecimal perUnitInReporting) {
  public static final BigDecimal MIN = new BigDecimal("1e-12");
  public static final BigDecimal MAX = new BigDecimal("1e12");
  public static final int MAX_DIGITS = 20;

  /** The rate, or empty when the record is not a usable rate. */
  public static Optional<FxRate> parse(String json) {
    if (json == null) {
      return Optional.empty();
    }
    try {
      JsonNode node = EventParser.object(json.getBytes(StandardCharsets.UTF_8));
      JsonNode rate = node.get("perUnitInReporting");
      String currency = new JsonFields(node).text("currency");
      if (rate == null || !rate.isNumber() || !usable(rate.decimalValue())) {
        return Optional.empty();
      }
      return Optional.of(new FxRate(currency, rate.decimalValue()));
    } catch (InvalidEventException e) {
      return Optional.empty();
    }
  }

  private static boolean usable(BigDecimal rate) {
    return rate.compareTo(MIN) >= 0
        && rate.compareTo(MAX) <= 0
        && rate.stripTrailingZeros().precision() <= MAX_DIGITS;
  }
}
