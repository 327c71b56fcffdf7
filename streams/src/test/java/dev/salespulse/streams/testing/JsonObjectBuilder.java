package dev.salespulse.streams.testing;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A JSON object written field by field as raw JSON text, so a test controls exactly what goes on
 * the wire: {@code 1250.50} stays {@code 1250.50}, and a field can hold any value, valid or not.
 */
public final class JsonObjectBuilder {
  private final Map<String, String> fields = new LinkedHashMap<>();

  public JsonObjectBuilder text(String name, String value) {
    fields.put(name, quote(value));
    return this;
  }

  /** {@code fragment} is written as it is, e.g. {@code 1250.50}, {@code true} or {@code null}. */
  public JsonObjectBuilder raw(String name, String fragment) {
    fields.put(name, fragment);
    return this;
  }

  public JsonObjectBuilder remove(String name) {
    fields.remove(name);
    return this;
  }

  /** One line, no spaces, fields in insertion order. */
  public String compact() {
    return fields.entrySet().stream()
        .map(field -> quote(field.getKey()) + ":" + field.getValue())
        .collect(Collectors.joining(",", "{", "}"));
  }

  /** The same object, differently written: indented, spaced, fields in reverse order. */
  public String reformatted() {
    List<Map.Entry<String, String>> reversed = new ArrayList<>(fields.entrySet());
    Collections.reverse(reversed);
    return reversed.stream()
        .map(field -> "  " + quote(field.getKey()) + " : " + field.getValue())
        .collect(Collectors.joining(",\n", "{\n", "\n}\n"));
  }

  static String quote(String text) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
  }
}
