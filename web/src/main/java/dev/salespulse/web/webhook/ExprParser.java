package dev.salespulse.web.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the value expressions of a mapping file's fields (see {@link ValueExpr}): a scalar is a
 * constant; an object has exactly one source ({@code const}, {@code path}, {@code header}, {@code
 * concat}, {@code first}, {@code sum}, {@code minus}, {@code each}) and optional modifiers ({@code
 * removePrefix}, {@code convert}, {@code currency}, {@code digits}).
 */
final class ExprParser {
  private static final Set<String> SOURCES =
      Set.of("const", "path", "header", "concat", "first", "sum", "minus", "each");
  private static final Set<String> MODIFIERS =
      Set.of("removePrefix", "convert", "currency", "digits", "fields");

  private ExprParser() {}

  /** One value expression: a constant scalar, or an object with one source and modifiers. */
  static ValueExpr expr(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      throw new IllegalArgumentException(where + ": a value is required");
    }
    if (node.isValueNode()) {
      return new ValueExpr.Const(node);
    }
    if (node.isArray()) {
      throw new IllegalArgumentException(
          where + ": a list here is ambiguous; use {concat: […]} or {first: […]}");
    }
    List<String> sources = new ArrayList<>();
    node.fieldNames()
        .forEachRemaining(
            name -> {
              if (SOURCES.contains(name)) {
                sources.add(name);
              } else if (!MODIFIERS.contains(name)) {
                throw new IllegalArgumentException(
                    where + ": unknown key '" + name + "'; expected one of " + SOURCES);
              }
            });
    if (sources.size() != 1) {
      throw new IllegalArgumentException(where + ": give exactly one of " + SOURCES);
    }
    String kind = sources.get(0);
    JsonNode arg = node.get(kind);
    ValueExpr base =
        switch (kind) {
          case "const" -> new ValueExpr.Const(arg);
          case "path" -> new ValueExpr.Path(MappingParser.path(arg.asText(), where));
          case "header" -> new ValueExpr.Header(arg.asText());
          case "concat" -> new ValueExpr.Concat(list(arg, where + ".concat"));
          case "first" -> new ValueExpr.First(list(arg, where + ".first"));
          case "sum" -> new ValueExpr.Sum(MappingParser.path(arg.asText(), where));
          case "minus" -> minus(arg, where);
          case "each" -> each(node, where);
          default -> throw new IllegalStateException(kind);
        };
    if (node.has("fields") && !kind.equals("each")) {
      throw new IllegalArgumentException(where + ": 'fields' goes with 'each'");
    }
    return modifiers(node, where)
        .map(m -> (ValueExpr) new ValueExpr.Modified(base, m))
        .orElse(base);
  }

  private static ValueExpr minus(JsonNode arg, String where) {
    List<ValueExpr> parts = list(arg, where + ".minus");
    if (parts.size() != 2) {
      throw new IllegalArgumentException(where + ".minus: expected [value, value to subtract]");
    }
    return new ValueExpr.Minus(parts.get(0), parts.get(1));
  }

  private static ValueExpr each(JsonNode node, String where) {
    JsonNode fieldsNode = node.get("fields");
    MappingParser.object(fieldsNode, where + ".fields");
    Map<String, ValueExpr> fields = new LinkedHashMap<>();
    fieldsNode
        .properties()
        .forEach(e -> fields.put(e.getKey(), expr(e.getValue(), where + ".fields." + e.getKey())));
    return new ValueExpr.Each(
        MappingParser.path(node.get("each").asText(), where + ".each"), fields);
  }

  private static Optional<Modifiers> modifiers(JsonNode node, String where) {
    Optional<String> removePrefix =
        Optional.ofNullable(node.get("removePrefix")).map(JsonNode::asText);
    Optional<Conversion> convert = Optional.empty();
    if (node.has("convert")) {
      String name = node.get("convert").asText();
      convert =
          Optional.of(
              Conversion.byFileName(name)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              where + ".convert '" + name + "': not a known conversion")));
    }
    Optional<ValueExpr> currency =
        Optional.ofNullable(node.get("currency")).map(n -> expr(n, where + ".currency"));
    boolean minorUnits = convert.equals(Optional.of(Conversion.MINOR_UNITS));
    if (minorUnits != currency.isPresent()) {
      throw new IllegalArgumentException(
          where + ": 'currency' goes with convert: minorUnits, and minorUnits needs it");
    }
    Map<String, Integer> digits = new LinkedHashMap<>();
    JsonNode digitsNode = node.get("digits");
    if (digitsNode != null) {
      MappingParser.object(digitsNode, where + ".digits");
      digitsNode
          .properties()
          .forEach(
              e -> {
                if (!e.getValue().canConvertToInt() || e.getValue().asInt() < 0) {
                  throw new IllegalArgumentException(where + ".digits: whole numbers only");
                }
                digits.put(e.getKey().toUpperCase(Locale.ROOT), e.getValue().asInt());
              });
    }
    if (removePrefix.isEmpty() && convert.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Modifiers(removePrefix, convert, currency, digits));
  }

  private static List<ValueExpr> list(JsonNode node, String where) {
    if (!node.isArray() || node.isEmpty()) {
      throw new IllegalArgumentException(where + ": expected a list of values");
    }
    List<ValueExpr> parts = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      parts.add(expr(node.get(i), where + "[" + i + "]"));
    }
    return parts;
  }
}
