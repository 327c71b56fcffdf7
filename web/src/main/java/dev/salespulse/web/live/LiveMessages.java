package dev.salespulse.web.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salespulse.web.json.Json;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages of {@code /ws/live}. A {@link Pass} writes the pushes of one pass over the clients:
 * each (scope, period)'s answer computed once ({@link LiveAnswers#freshKpis}) and each message
 * written once, since clients of the same subscription are mostly sent the same one.
 */
final class LiveMessages {
  private LiveMessages() {}

  static String heartbeat(Instant serverTime) {
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("type", "heartbeat");
    json.put("serverTime", serverTime.toString());
    return Json.write(json);
  }

  static String error(String code, String detail) {
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("type", "error");
    json.put("error", code);
    json.put("detail", detail);
    return Json.write(json);
  }

  /**
   * What one pass computed and wrote, for every client it serves. Its messages carry the pass's
   * {@code serverTime}, by which a client corrects for its own clock as by a heartbeat.
   */
  static final class Pass {
    private final LiveAnswers answers;
    private final String serverTime;
    private final Map<String, JsonNode> computed = new HashMap<>();
    private final Map<String, String> messages = new HashMap<>();

    Pass(LiveAnswers answers, Instant serverTime) {
      this.answers = answers;
      this.serverTime = serverTime.toString();
    }

    /** A {@code snapshot} or {@code update} of one scope. */
    String message(String type, String scope, String period) {
      return messages.computeIfAbsent(
          type + "|" + period + "|" + scope,
          key -> {
            ObjectNode json = Json.MAPPER.createObjectNode();
            json.put("type", type);
            json.put("scope", scope);
            json.put("period", period);
            json.put("serverTime", serverTime);
            json.set("data", answer(scope, period));
            return Json.write(json);
          });
    }

    /** Several changed scopes coalesced into one {@code updates} message. */
    String updates(List<String> scopes, String period) {
      return messages.computeIfAbsent(
          "updates|" + period + "|" + String.join(",", scopes),
          key -> {
            ObjectNode json = Json.MAPPER.createObjectNode();
            json.put("type", "updates");
            json.put("period", period);
            json.put("serverTime", serverTime);
            ArrayNode items = json.putArray("items");
            for (String scope : scopes) {
              items.addObject().put("scope", scope).set("data", answer(scope, period));
            }
            return Json.write(json);
          });
    }

    private JsonNode answer(String scope, String period) {
      return computed.computeIfAbsent(
          scope + "@" + period, key -> Json.MAPPER.valueToTree(answers.freshKpis(scope, period)));
    }
  }
}
