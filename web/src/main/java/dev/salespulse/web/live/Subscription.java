package dev.salespulse.web.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.streams.query.Period;
import dev.salespulse.streams.stores.Scope;
import dev.salespulse.web.json.Json;
import java.util.ArrayList;
import java.util.List;

/** A parsed, validated subscribe request. */
record Subscription(List<String> scopes, String period) {
  static Subscription parse(String text) {
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException("expected JSON such as {\"subscribe\":[\"company:all\"]}");
    }
    JsonNode subscribe = json == null ? null : json.get("subscribe");
    if (subscribe == null || !subscribe.isArray() || subscribe.isEmpty()) {
      throw new IllegalArgumentException("'subscribe' must be a non-empty array of scopes");
    }
    if (subscribe.size() > LiveClient.MAX_SCOPES) {
      throw new IllegalArgumentException("at most " + LiveClient.MAX_SCOPES + " scopes");
    }
    List<String> scopes = new ArrayList<>();
    for (JsonNode scope : subscribe) {
      scopes.add(Scope.parse(scope.asText()).toString());
    }
    JsonNode period = json.get("period");
    String code = period == null || period.isNull() ? "today" : period.asText();
    if (Period.parse(code) == Period.CUSTOM) {
      throw new IllegalArgumentException("live periods are the named ones, not custom");
    }
    return new Subscription(scopes, code);
  }
}
