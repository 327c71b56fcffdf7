package dev.salespulse.web.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A path into a JSON payload, as mapping files write it: field names separated by dots, each
 * optionally followed by selectors on an array: {@code [2]} (one element), {@code [*]} (every
 * element) or {@code [name=value]} (every element whose field {@code name} reads {@code value};
 * after another selector, it narrows that selector's elements). {@code data.object.id}, {@code
 * line_items[*]}, {@code note_attributes[name=rep].value}, {@code
 * transactions[kind=refund][status=success].amount}; a path may start with a selector to address a
 * payload that is itself an array ({@code [*]}).
 *
 * <p>A path gives every node it reaches, in payload order; nothing when a field is missing or
 * {@code null}. Field names cannot contain dots or brackets.
 */
final class JsonPath {
  private final String text;
  private final List<Step> steps;

  private JsonPath(String text, List<Step> steps) {
    this.text = text;
    this.steps = steps;
  }

  /**
   * @throws IllegalArgumentException naming what is wrong with the path
   */
  static JsonPath parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("an empty path");
    }
    List<Step> steps = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '.') {
        if (i == 0 || i == text.length() - 1 || text.charAt(i + 1) == '.') {
          throw new IllegalArgumentException("path '" + text + "' has an empty field name");
        }
        i++;
      } else if (c == '[') {
        int end = text.indexOf(']', i);
        if (end < 0) {
          throw new IllegalArgumentException("path '" + text + "' has a '[' without ']'");
        }
        steps.add(selector(text, text.substring(i + 1, end)));
        i = end + 1;
      } else {
        int end = i;
        while (end < text.length() && ".[]".indexOf(text.charAt(end)) < 0) {
          end++;
        }
        if (end < text.length() && text.charAt(end) == ']') {
          throw new IllegalArgumentException("path '" + text + "' has a ']' without '['");
        }
        steps.add(new Field(text.substring(i, end)));
        i = end;
      }
    }
    return new JsonPath(text, List.copyOf(steps));
  }

  private static Step selector(String path, String inside) {
    if (inside.equals("*")) {
      return new Every();
    }
    int eq = inside.indexOf('=');
    if (eq > 0) {
      return new Where(inside.substring(0, eq), inside.substring(eq + 1));
    }
    try {
      int index = Integer.parseInt(inside);
      if (index >= 0) {
        return new Index(index);
      }
    } catch (NumberFormatException e) {
      // falls through to the error below
    }
    throw new IllegalArgumentException(
        "path '" + path + "' has '[" + inside + "]': expected [n], [*] or [name=value]");
  }

  /** Every node the path reaches from {@code root}, never a JSON null. */
  List<JsonNode> all(JsonNode root) {
    List<JsonNode> current = List.of(root);
    for (Step step : steps) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        step.apply(node, next);
      }
      current = next;
    }
    return current.stream().filter(n -> !n.isNull() && !n.isMissingNode()).toList();
  }

  @Override
  public String toString() {
    return text;
  }

  private sealed interface Step permits Field, Index, Every, Where {
    void apply(JsonNode node, List<JsonNode> out);
  }

  private record Field(String name) implements Step {
    @Override
    public void apply(JsonNode node, List<JsonNode> out) {
      if (node.isObject() && node.has(name)) {
        out.add(node.get(name));
      }
    }
  }

  private record Index(int index) implements Step {
    @Override
    public void apply(JsonNode node, List<JsonNode> out) {
      if (node.isArray() && index < node.size()) {
        out.add(node.get(index));
      }
    }
  }

  private record Every() implements Step {
    @Override
    public void apply(JsonNode node, List<JsonNode> out) {
      if (node.isArray()) {
        node.forEach(out::add);
      }
    }
  }

  private record Where(String field, String value) implements Step {
    /** Filters an array's elements, or (after another selector) keeps a matching element. */
    @Override
    public void apply(JsonNode node, List<JsonNode> out) {
      if (node.isArray()) {
        node.forEach(element -> keepIfMatching(element, out));
      } else {
        keepIfMatching(node, out);
      }
    }

    private void keepIfMatching(JsonNode element, List<JsonNode> out) {
      JsonNode v = element.get(field);
      if (v != null && v.isValueNode() && v.asText().equals(value)) {
        out.add(element);
      }
    }
  }
}
