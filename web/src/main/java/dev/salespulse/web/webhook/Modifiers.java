package dev.salespulse.web.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a mapping file may add to an expression, applied in this order: {@code removePrefix} (the
 * text must start with it, else the value counts as missing: {@code userId:42} → {@code 42}), then
 * {@code convert}. For {@code convert: minorUnits}, {@code currency} gives the currency code and
 * {@code digits} overrides the ISO 4217 digits of some currencies (a provider may count a currency
 * differently).
 */
record Modifiers(
    Optional<String> removePrefix,
    Optional<Conversion> convert,
    Optional<ValueExpr> currency,
    Map<String, Integer> digits) {

  Modifiers {
    digits = Map.copyOf(digits);
  }

  Optional<JsonNode> apply(JsonNode value, ValueExpr.Scope scope) {
    JsonNode current = value;
    if (removePrefix.isPresent()) {
      String text = Conversion.text(current);
      if (!text.startsWith(removePrefix.get())) {
        return Optional.empty();
      }
      current = TextNode.valueOf(text.substring(removePrefix.get().length()));
    }
    if (convert.isEmpty()) {
      return Optional.of(current);
    }
    if (convert.get() != Conversion.MINOR_UNITS) {
      return Optional.of(convert.get().apply(current));
    }
    Optional<JsonNode> code = currency.orElseThrow().eval(scope);
    if (code.isEmpty()) {
      throw new MappingException("minorUnits: the currency is missing");
    }
    long minor = Conversion.whole(current, "minorUnits");
    return Optional.of(
        DecimalNode.valueOf(BigDecimal.valueOf(minor).movePointLeft(digitsOf(code.get()))));
  }

  private int digitsOf(JsonNode code) {
    String text = Conversion.text(code).toUpperCase(Locale.ROOT);
    Integer override = digits.get(text);
    if (override != null) {
      return override;
    }
    try {
      int iso = Currency.getInstance(text).getDefaultFractionDigits();
      if (iso >= 0) {
        return iso;
      }
    } catch (IllegalArgumentException e) {
      // falls through
    }
    throw new MappingException("minorUnits: '" + Conversion.shortText(code) + "' is no currency");
  }
}
