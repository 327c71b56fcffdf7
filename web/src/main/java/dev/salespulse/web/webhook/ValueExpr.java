package dev.salespulse.web.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.salespulse.web.json.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a mapping file says where one contract field's value comes from: a constant, a payload path,
 * a header, or a combination of those ({@code concat}, {@code first}, {@code sum}, {@code minus},
 * {@code each}), then an optional {@link Modifiers conversion}. An expression gives nothing when
 * its source is missing; it throws {@link MappingException} when a value is there but cannot be
 * converted (an amount that is not a number).
 */
sealed interface ValueExpr
    permits ValueExpr.Const,
        ValueExpr.Path,
        ValueExpr.Header,
        ValueExpr.Concat,
        ValueExpr.First,
        ValueExpr.Sum,
        ValueExpr.Minus,
        ValueExpr.Each,
        ValueExpr.Modified {
  JsonNodeFactory NODES = Json.MAPPER.getNodeFactory();

  Optional<JsonNode> eval(Scope scope);

  /** What an expression reads: the current payload item, and the request's headers. */
  record Scope(JsonNode item, Map<String, String> headers) {
    Scope with(JsonNode other) {
      return new Scope(other, headers);
    }

    /** A header by its name in any case. */
    Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(Map.Entry::getValue)
          .findFirst();
    }
  }

  record Const(JsonNode value) implements ValueExpr {
    @Override
    public Optional<JsonNode> eval(Scope scope) {
      return Optional.of(value);
    }
  }

  record Path(JsonPath path) implements ValueExpr {
    @Override
    public Optional<JsonNode> eval(Scope scope) {
      return path.all(scope.item()).stream().findFirst();
    }
  }

  record Header(String name) implements ValueExpr {
    @Override
    public Optional<JsonNode> eval(Scope scope) {
      return scope.header(name).filter(v -> !v.isEmpty()).map(TextNode::valueOf);
    }
  }

  /** The parts as text, joined; nothing when any part gives nothing. */
  record Concat(List<ValueExpr> parts) implements ValueExpr {
    @Override
    public Optional<JsonNode> eval(Scope scope) {
      StringBuilder text = new StringBuilder();
      for (ValueExpr part : parts) {
        Optional<JsonNode> value = part.eval(scope);
        if (value.isEmpty()) {
          return Optional.empty();
        }
        text.append(Conversion.text(value.get()));
      }
      return Optional.of(TextNode.valueOf(text.toString()));
    }
  }

  /** The first alternative that gives a value. */
  record First(List<ValueExpr> alternatives) implements ValueExpr {
    @Override
    public Optional<JsonNode> eval(Scope scope) {
      for (ValueExpr alternative : alternatives) {
        Optional<JsonNode> value = alternative.eval(scope);
        if (value.isPresent()) {
          return value;
        }
      }
      return Optional.empty();
    }
  }

  /** The exact sum of every number the path reaches (0 when it reaches none). */
  record Sum(JsonPath path) implements ValueExpr {
    @Override
    public Optional<JsonNode> eval(Scope scope) {
      BigDecimal sum = BigDecimal.ZERO;
      for (JsonNode node : path.all(scope.item())) {
        sum = sum.add(Conversion.decimal(node, path.toString()));
      }
      return Optional.of(DecimalNode.valueOf(sum));
    }
  }

  /** {@code left - right}, exactly; nothing when either gives nothing. */
  record Minus(ValueExpr left, ValueExpr right) implements ValueExpr {
    @Override
    public Optional<JsonNode> eval(Scope scope) {
      Optional<JsonNode> l = left.eval(scope);
      Optional<JsonNode> r = right.eval(scope);
      if (l.isEmpty() || r.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          DecimalNode.valueOf(
              Conversion.decimal(l.get(), "minus").subtract(Conversion.decimal(r.get(), "minus"))));
    }
  }

  /**
   * One object per element the path reaches, each field read from that element (order lines);
   * nothing when the path reaches no element.
   */
  record Each(JsonPath path, Map<String, ValueExpr> fields) implements ValueExpr {
    @Override
    public Optional<JsonNode> eval(Scope scope) {
      List<JsonNode> elements = path.all(scope.item());
      if (elements.isEmpty()) {
        return Optional.empty();
      }
      ArrayNode out = NODES.arrayNode();
      for (JsonNode element : elements) {
        ObjectNode line = out.addObject();
        Scope inner = scope.with(element);
        fields.forEach((name, expr) -> expr.eval(inner).ifPresent(v -> line.set(name, v)));
      }
      return Optional.of(out);
    }
  }

  /** An expression whose value is then converted (see {@link Modifiers}). */
  record Modified(ValueExpr base, Modifiers modifiers) implements ValueExpr {
    @Override
    public Optional<JsonNode> eval(Scope scope) {
      Optional<JsonNode> value = base.eval(scope);
      if (value.isEmpty()) {
        return value;
      }
      return modifiers.apply(value.get(), scope);
    }
  }
}
