package dev.salespulse.streams.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Strict readers of one JSON object's fields, each failing with the contract's reject reason.
 * Absent and {@code null} are the same; a present value of the wrong JSON type is never coerced.
 */
final class JsonFields {
  static final int MAX_MONEY_SCALE = 4;
  private static final int MAX_TEXT_LENGTH = 256;

  /** The instants an event may carry: four-digit years, as ISO-8601 writes them without a sign. */
  static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");

  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
  private static final Pattern MONEY_TEXT = Pattern.compile("-?\\d{1,15}(\\.\\d+)?");

  private final JsonNode node;

  JsonFields(JsonNode node) {
    this.node = node;
  }

  private Optional<JsonNode> field(String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  Optional<String> optionalText(String name) throws InvalidEventException {
    Optional<JsonNode> value = field(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (!value.get().isTextual()) {
      throw new InvalidEventException(RejectReason.WRONG_TYPE, "'" + name + "' must be a string");
    }
    String text = value.get().textValue();
    if (text.length() > MAX_TEXT_LENGTH) {
      throw new InvalidEventException(
          RejectReason.WRONG_TYPE, "'" + name + "' is longer than " + MAX_TEXT_LENGTH);
    }
    return text.isBlank() ? Optional.empty() : Optional.of(text);
  }

  String text(String name) throws InvalidEventException {
    Optional<String> text = optionalText(name);
    if (text.isEmpty()) {
      throw missing(name);
    }
    return text.get();
  }

  <E extends Enum<E>> E type(Class<E> types) throws InvalidEventException {
    String type = text("type");
    try {
      return Enum.valueOf(types, type);
    } catch (IllegalArgumentException e) {
      throw new InvalidEventException(RejectReason.UNKNOWN_TYPE, "unknown type '" + type + "'");
    }
  }

  Instant instant(String name) throws InvalidEventException {
    String text = text(name);
    Instant common = FastInstant.parseUtc(text);
    if (common != null) {
      return common;
    }
    Instant instant;
    try {
      instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidEventException(
          RejectReason.BAD_TIMESTAMP,
          "'" + name + "' is not an ISO-8601 instant with Z or an offset: " + text);
    }
    // The ISO formatter reads years of up to nine digits, beyond what epoch milliseconds hold.
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw new InvalidEventException(
          RejectReason.BAD_TIMESTAMP, "'" + name + "' is outside the years 0000 to 9999: " + text);
    }
    return instant;
  }

  Optional<BigDecimal> optionalMoney(String name) throws InvalidEventException {
    Optional<JsonNode> value = field(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    BigDecimal money = decimal(name, value.get());
    if (money.signum() < 0) {
      throw new InvalidEventException(
          RejectReason.NEGATIVE_AMOUNT, "'" + name + "' is negative: " + money.toPlainString());
    }
    BigDecimal exact = money.stripTrailingZeros();
    if (exact.scale() > MAX_MONEY_SCALE) {
      throw new InvalidEventException(
          RejectReason.TOO_MANY_DECIMALS,
          "'" + name + "' has more than " + MAX_MONEY_SCALE + " fraction digits");
    }
    return Optional.of(exact.scale() < 0 ? exact.setScale(0) : exact);
  }

  BigDecimal money(String name) throws InvalidEventException {
    Optional<BigDecimal> money = optionalMoney(name);
    if (money.isEmpty()) {
      throw missing(name);
    }
    return money.get();
  }

  private static BigDecimal decimal(String name, JsonNode value) throws InvalidEventException {
    if (value.isNumber()) {
      BigDecimal number = value.decimalValue();
      // Far above what any amount may be once converted (10^15 minor units), refused before any
      // arithmetic on it; a negative one is refused as negative.
      if (number.signum() > 0 && number.compareTo(BigDecimal.TEN.pow(15)) >= 0) {
        throw new InvalidEventException(
            RejectReason.AMOUNT_TOO_LARGE,
            "'" + name + "' is 10^15 or more, larger than any amount counted exactly");
      }
      // An exponent such as 1e-999999999 is a tiny number of a billion fraction digits: refused
      // before anything prints or rounds it, which would take a gigabyte.
      if (number.scale() > EventParser.MAX_NUMBER_LENGTH) {
        throw new InvalidEventException(
            RejectReason.TOO_MANY_DECIMALS,
            "'" + name + "' has more than " + MAX_MONEY_SCALE + " fraction digits");
      }
      return number;
    }
    // Length first: reading a decimal of a million digits takes seconds.
    if (value.isTextual()
        && value.textValue().length() <= EventParser.MAX_NUMBER_LENGTH
        && MONEY_TEXT.matcher(value.textValue()).matches()) {
      return new BigDecimal(value.textValue());
    }
    throw new InvalidEventException(
        RejectReason.WRONG_TYPE, "'" + name + "' must be a number such as 1250.50");
  }

  Optional<Long> optionalWholeNumber(String name) throws InvalidEventException {
    Optional<JsonNode> value = field(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (!value.get().canConvertToExactIntegral() || !value.get().canConvertToLong()) {
      throw new InvalidEventException(
          RejectReason.WRONG_TYPE, "'" + name + "' must be a whole number");
    }
    long number = value.get().longValue();
    if (number < 0) {
      throw new InvalidEventException(RejectReason.NEGATIVE_AMOUNT, "'" + name + "' is negative");
    }
    return Optional.of(number);
  }

  static InvalidEventException missing(String name) {
    return new InvalidEventException(
        RejectReason.MISSING_FIELD, "required field '" + name + "' is missing");
  }
}
