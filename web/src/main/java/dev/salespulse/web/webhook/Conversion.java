package dev.salespulse.web.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The conversions a mapping file may name with {@code convert:}. Each takes a present value and
 * gives the converted one, or throws {@link MappingException} saying why it cannot.
 */
enum Conversion {
  /** Text in upper case ({@code usd} → {@code USD}). */
  UPPER,
  /** Text in lower case. */
  LOWER,
  /** The value as text (a number's exact digits). */
  STRING,
  /** A number, or text holding one ({@code "199.65"}), as an exact JSON number. */
  DECIMAL,
  /** A whole number, or text holding one, as a JSON integer. */
  INTEGER,
  /** Seconds since 1970 (number or text) → ISO-8601 instant ({@code 2026-11-26T14:03:22Z}). */
  UNIX_SECONDS,
  /** Milliseconds since 1970 → ISO-8601 instant. */
  UNIX_MILLIS,
  /** An ISO-8601 date-time with an offset ({@code 2026-11-26T09:03:22-05:00}) → instant in UTC. */
  ISO_INSTANT,
  /**
   * A whole number of the currency's minor units (cents) → the amount in major units, by the
   * currency's digits ({@code 2000} USD → {@code 20.00}, {@code 2000} JPY → {@code 2000}). Needs
   * {@code currency:}; {@code digits:} may override a currency's digits.
   */
  MINOR_UNITS;

  /** The name a mapping file uses: {@code unixSeconds}, {@code minorUnits}, … */
  String fileName() {
    String[] words = name().toLowerCase(Locale.ROOT).split("_");
    StringBuilder name = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
    }
    return name.toString();
  }

  static Optional<Conversion> byFileName(String name) {
    return Arrays.stream(values()).filter(c -> c.fileName().equals(name)).findFirst();
  }

  /** Every conversion except {@link #MINOR_UNITS}, which {@link Modifiers} applies itself. */
  JsonNode apply(JsonNode value) {
    return switch (this) {
      case UPPER -> TextNode.valueOf(text(value).toUpperCase(Locale.ROOT));
      case LOWER -> TextNode.valueOf(text(value).toLowerCase(Locale.ROOT));
      case STRING -> TextNode.valueOf(text(value));
      case DECIMAL -> DecimalNode.valueOf(decimal(value, "decimal"));
      case INTEGER -> LongNode.valueOf(whole(value, "integer"));
      case UNIX_SECONDS -> instant(Instant.ofEpochSecond(whole(value, "unixSeconds")));
      case UNIX_MILLIS -> instant(Instant.ofEpochMilli(whole(value, "unixMillis")));
      case ISO_INSTANT -> isoInstant(value);
      case MINOR_UNITS -> throw new IllegalStateException("minorUnits needs a currency");
    };
  }

  /** A value as text; numbers with their exact digits, never in exponent form. */
  static String text(JsonNode value) {
    if (value.isBigDecimal()) {
      return bounded(value.decimalValue(), "text").toPlainString();
    }
    if (value.isValueNode()) {
      return value.asText();
    }
    throw new MappingException("expected a single value, found " + value.getNodeType());
  }

  static BigDecimal decimal(JsonNode value, String what) {
    if (value.isNumber()) {
      return bounded(value.decimalValue(), what);
    }
    if (value.isTextual() && value.asText().length() <= MAX_DIGITS) {
      try {
        return bounded(new BigDecimal(value.asText().trim()), what);
      } catch (NumberFormatException e) {
        // falls through
      }
    }
    throw new MappingException(what + ": '" + shortText(value) + "' is not a number");
  }

  /** The most digits a number may have before or after its point (an amount has far fewer). */
  static final int MAX_DIGITS = 40;

  /**
   * The number, when its digits stay within {@link #MAX_DIGITS}: an exponent such as {@code
   * 1e999999999} would otherwise become a billion digits wherever it is written or added.
   */
  static BigDecimal bounded(BigDecimal number, String what) {
    if (Math.abs(number.scale()) > MAX_DIGITS || number.precision() - number.scale() > MAX_DIGITS) {
      throw new MappingException(what + ": '" + number + "' has too many digits");
    }
    return number;
  }

  static long whole(JsonNode value, String what) {
    BigDecimal number = decimal(value, what);
    try {
      return number.longValueExact();
    } catch (ArithmeticException e) {
      throw new MappingException(what + ": '" + number + "' is not a whole number");
    }
  }

  private static JsonNode instant(Instant instant) {
    return TextNode.valueOf(instant.toString());
  }

  private static JsonNode isoInstant(JsonNode value) {
    String text = text(value);
    try {
      return instant(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      try {
        return instant(Instant.parse(text));
      } catch (DateTimeParseException e2) {
        throw new MappingException("isoInstant: '" + shortText(value) + "' is not a date-time");
      }
    }
  }

  static String shortText(JsonNode value) {
    String text = value.isValueNode() ? value.asText() : value.toString();
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
