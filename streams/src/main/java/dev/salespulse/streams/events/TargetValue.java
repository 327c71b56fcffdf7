package dev.salespulse.streams.events;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code value} of a {@code sales.targets} record, read by the contract's rules for an amount:
 * a JSON number (or a string of the same form), not negative, below 10^15, at most 4 fraction
 * digits. Anything else is no target, as a record without a value is.
 */
public final class TargetValue {
  private TargetValue() {}

  /** The target's value, or empty when the record holds no usable one. */
  public static Optional<BigDecimal> parse(String json) {
    if (json == null) {
      return Optional.empty();
    }
    try {
      return new JsonFields(EventParser.object(json.getBytes(StandardCharsets.UTF_8)))
          .optionalMoney("value");
    } catch (InvalidEventException e) {
      return Optional.empty();
    }
  }
}
