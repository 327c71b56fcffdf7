package dev.salespulse.web.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.salespulse.web.webhook.ItemOutcome.Failed;
import dev.salespulse.web.webhook.ItemOutcome.Ignored;
import dev.salespulse.web.webhook.ItemOutcome.Mapped;
import dev.salespulse.web.webhook.WebhookMapping.EventRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a source's payload into contract events by its mapping: splits it into events ({@code
 * items}), reads each one's type, picks the first rule for that type whose conditions hold and
 * fills the contract fields from their expressions. Each payload event gives at most one contract
 * event. Only the contract's required fields are enforced here; the ingest checks the rest.
 */
final class WebhookMapper {
  static final String UNMAPPED = "unmapped-event";
  static final String UNMAPPABLE = "unmappable";

  private WebhookMapper() {}

  static List<ItemOutcome> map(
      WebhookMapping mapping, JsonNode payload, Map<String, String> headers) {
    List<JsonNode> items = mapping.items().map(p -> p.all(payload)).orElse(List.of(payload));
    List<ItemOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      outcomes.add(one(mapping, i, new ValueExpr.Scope(items.get(i), headers)));
    }
    return outcomes;
  }

  private static ItemOutcome one(WebhookMapping mapping, int index, ValueExpr.Scope scope) {
    Optional<String> type = eventType(mapping, scope);
    if (type.isEmpty()) {
      return new Failed(
          index, null, UNMAPPABLE, "no event type (" + mapping.type() + ") in the request");
    }
    for (EventRule rule : mapping.rules()) {
      if (rule.on().equals(type.get()) && matches(rule, scope.item())) {
        return build(rule, index, scope);
      }
    }
    if (mapping.names(type.get())) {
      return new Ignored(index, type.get(), "no rule for '" + type.get() + "' matches its values");
    }
    if (mapping.ignores(type.get())) {
      return new Ignored(index, type.get(), "'" + type.get() + "' is ignored by the mapping");
    }
    return new Failed(
        index,
        null,
        UNMAPPED,
        "the "
            + mapping.source()
            + " mapping has no rule for event type '"
            + type.get()
            + "' (mapped: "
            + mapping.rules().stream().map(EventRule::on).distinct().toList()
            + ")");
  }

  private static Optional<String> eventType(WebhookMapping mapping, ValueExpr.Scope scope) {
    Optional<String> header = mapping.type().header();
    if (header.isPresent()) {
      return scope.header(header.get()).filter(v -> !v.isBlank());
    }
    return mapping.type().path().orElseThrow().all(scope.item()).stream()
        .filter(JsonNode::isValueNode)
        .map(JsonNode::asText)
        .findFirst();
  }

  private static boolean matches(EventRule rule, JsonNode item) {
    return rule.match().entrySet().stream()
        .allMatch(
            condition ->
                condition.getKey().all(item).stream()
                    .filter(JsonNode::isValueNode)
                    .findFirst()
                    .map(v -> condition.getValue().contains(v.asText()))
                    .orElse(false));
  }

  private static ItemOutcome build(EventRule rule, int index, ValueExpr.Scope scope) {
    ObjectNode event = ValueExpr.NODES.objectNode();
    String eventId = null;
    try {
      Optional<JsonNode> id = rule.fields().get("eventId").eval(scope);
      eventId = id.map(Conversion::text).orElse(null);
      event.set("eventId", id.orElse(null));
      event.set("type", TextNode.valueOf(rule.emit().name()));
      for (Map.Entry<String, ValueExpr> field : rule.fields().entrySet()) {
        if (!field.getKey().equals("eventId")) {
          field.getValue().eval(scope).ifPresent(value -> event.set(field.getKey(), value));
        }
      }
    } catch (MappingException e) {
      return new Failed(index, eventId, UNMAPPABLE, e.getMessage());
    }
    for (String required : rule.emit().required()) {
      JsonNode value = event.get(required);
      if (value == null || value.isNull()) {
        return new Failed(
            index,
            eventId,
            UNMAPPABLE,
            rule.emit()
                + " needs '"
                + required
                + "', and the payload has no value at "
                + String.join(" / ", sources(rule.fields().get(required))));
      }
    }
    return new Mapped(index, eventId, event);
  }

  /** The paths and headers an expression reads, to say where a missing value was looked for. */
  static List<String> sources(ValueExpr expr) {
    List<String> out = new ArrayList<>();
    collect(expr, out);
    return out.isEmpty() ? List.of("(constants only)") : out;
  }

  private static void collect(ValueExpr expr, List<String> out) {
    if (expr instanceof ValueExpr.Path p) {
      out.add(p.path().toString());
    } else if (expr instanceof ValueExpr.Header h) {
      out.add("header " + h.name());
    } else if (expr instanceof ValueExpr.Concat c) {
      c.parts().forEach(part -> collect(part, out));
    } else if (expr instanceof ValueExpr.First f) {
      f.alternatives().forEach(part -> collect(part, out));
    } else if (expr instanceof ValueExpr.Sum sum) {
      out.add(sum.path().toString());
    } else if (expr instanceof ValueExpr.Minus m) {
      collect(m.left(), out);
      collect(m.right(), out);
    } else if (expr instanceof ValueExpr.Each e) {
      out.add(e.path().toString());
    } else if (expr instanceof ValueExpr.Modified m) {
      collect(m.base(), out);
      m.modifiers().removePrefix().ifPresent(prefix -> out.add("(starting '" + prefix + "')"));
    }
  }
}
