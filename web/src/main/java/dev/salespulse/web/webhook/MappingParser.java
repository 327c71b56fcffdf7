package dev.salespulse.web.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.web.webhook.WebhookMapping.EventRule;
import dev.salespulse.web.webhook.WebhookMapping.TypeSpec;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one mapping file's tree (YAML or JSON) into a {@link WebhookMapping}, checking everything a
 * file can get wrong, so that a bad file stops the start with a message naming the file, the place
 * and the problem rather than failing on the first webhook.
 */
final class MappingParser {
  static final String SECRET_PREFIX = "SALESPULSE_WEBHOOK_";
  static final String SECRET_SUFFIX = "_SECRET";
  private static final Set<String> TOP =
      Set.of("source", "description", "signature", "items", "type", "ignore", "events");
  private static final Set<String> SIGNATURE =
      Set.of("scheme", "secret", "tolerance", "header", "encoding", "prefix");
  private static final Set<String> RULE = Set.of("on", "if", "emit", "fields");

  private MappingParser() {}

  /** The secret setting a source uses unless its file names another. */
  static String defaultSecretSetting(String source) {
    return SECRET_PREFIX + source.toUpperCase(Locale.ROOT).replace('-', '_') + SECRET_SUFFIX;
  }

  /**
   * @throws IllegalArgumentException saying where in the file and what is wrong
   */
  static WebhookMapping parse(JsonNode root, String origin) {
    object(root, "the file");
    keys(root, TOP, "the file");
    String source = text(root, "source", "the file");
    if (!source.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw new IllegalArgumentException(
          "source '" + source + "': use lower-case letters, digits and '-' (it is the URL's end)");
    }
    SignatureSpec signature = signature(root.get("signature"), source);
    Optional<JsonPath> items =
        Optional.ofNullable(root.get("items")).map(n -> path(n.asText(), "items"));
    JsonNode typeNode = root.get("type");
    object(typeNode, "type");
    keys(typeNode, Set.of("header", "path"), "type");
    if (typeNode.has("header") == typeNode.has("path")) {
      throw new IllegalArgumentException("type: give exactly one of 'header' or 'path'");
    }
    TypeSpec type =
        new TypeSpec(
            Optional.ofNullable(typeNode.get("header")).map(JsonNode::asText),
            Optional.ofNullable(typeNode.get("path")).map(n -> path(n.asText(), "type.path")));
    List<String> ignore = new ArrayList<>();
    Optional.ofNullable(root.get("ignore")).ifPresent(n -> n.forEach(e -> ignore.add(e.asText())));
    JsonNode events = root.get("events");
    if (events == null || !events.isArray() || events.isEmpty()) {
      throw new IllegalArgumentException("events: a list of at least one rule is required");
    }
    List<EventRule> rules = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      rules.add(rule(events.get(i), "events[" + i + "]"));
    }
    return new WebhookMapping(source, origin, signature, items, type, ignore, rules);
  }

  private static SignatureSpec signature(JsonNode node, String source) {
    object(node, "signature");
    keys(node, SIGNATURE, "signature");
    String schemeName = text(node, "scheme", "signature");
    SignatureScheme scheme =
        SignatureScheme.byFileName(schemeName)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "signature.scheme '"
                            + schemeName
                            + "': expected hmac-sha256, stripe, hubspot-v3 or none"));
    String secret =
        Optional.ofNullable(node.get("secret"))
            .map(JsonNode::asText)
            .orElse(defaultSecretSetting(source));
    if (!secret.matches(SECRET_PREFIX + "[A-Z0-9_]+" + SECRET_SUFFIX)) {
      throw new IllegalArgumentException(
          "signature.secret '"
              + secret
              + "': name a setting SALESPULSE_WEBHOOK_<NAME>_SECRET (never the secret itself)");
    }
    Duration tolerance = Duration.ofMinutes(5);
    if (node.has("tolerance")) {
      try {
        tolerance = Duration.parse(node.get("tolerance").asText());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "signature.tolerance: expected an ISO-8601 duration such as PT5M");
      }
    }
    Optional<String> header = Optional.ofNullable(node.get("header")).map(JsonNode::asText);
    String encoding = Optional.ofNullable(node.get("encoding")).map(JsonNode::asText).orElse("");
    if (scheme == SignatureScheme.HMAC_SHA256) {
      if (header.isEmpty()) {
        throw new IllegalArgumentException("signature.header: hmac-sha256 needs the header name");
      }
      if (!encoding.equals("base64") && !encoding.equals("hex")) {
        throw new IllegalArgumentException("signature.encoding: expected base64 or hex");
      }
    }
    String prefix = Optional.ofNullable(node.get("prefix")).map(JsonNode::asText).orElse("");
    return new SignatureSpec(scheme, secret, tolerance, header, encoding, prefix);
  }

  private static EventRule rule(JsonNode node, String where) {
    object(node, where);
    keys(node, RULE, where);
    String on = text(node, "on", where);
    String emitName = text(node, "emit", where);
    EventKind emit =
        EventKind.byName(emitName)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        where + ".emit '" + emitName + "': not a contract event type"));
    Map<JsonPath, List<String>> match = new LinkedHashMap<>();
    JsonNode conditions = node.get("if");
    if (conditions != null) {
      object(conditions, where + ".if");
      conditions
          .properties()
          .forEach(
              e -> {
                List<String> values = new ArrayList<>();
                if (e.getValue().isArray()) {
                  e.getValue().forEach(v -> values.add(v.asText()));
                } else {
                  values.add(e.getValue().asText());
                }
                match.put(path(e.getKey(), where + ".if"), values);
              });
    }
    JsonNode fieldsNode = node.get("fields");
    object(fieldsNode, where + ".fields");
    Map<String, ValueExpr> fields = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : fieldsNode.properties()) {
      String name = field.getKey();
      String at = where + ".fields." + name;
      if (name.equals("type")) {
        throw new IllegalArgumentException(at + ": the type comes from 'emit'");
      }
      if (!emit.knows(name)) {
        throw new IllegalArgumentException(at + ": " + emit + " has no field '" + name + "'");
      }
      ValueExpr expr = ExprParser.expr(field.getValue(), at);
      if (name.equals("lines") != isEach(expr)) {
        throw new IllegalArgumentException(
            at + (name.equals("lines") ? ": lines need 'each'" : ": only lines use 'each'"));
      }
      fields.put(name, expr);
    }
    for (String required : emit.required()) {
      if (!fields.containsKey(required)) {
        throw new IllegalArgumentException(
            where + ".fields: " + emit + " needs '" + required + "'");
      }
    }
    return new EventRule(on, match, emit, fields);
  }

  private static boolean isEach(ValueExpr expr) {
    return expr instanceof ValueExpr.Each
        || (expr instanceof ValueExpr.Modified m && m.base() instanceof ValueExpr.Each);
  }

  static JsonPath path(String text, String where) {
    try {
      return JsonPath.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage());
    }
  }

  static void object(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(where + ": expected a mapping of keys to values");
    }
  }

  static void keys(JsonNode node, Set<String> allowed, String where) {
    node.fieldNames()
        .forEachRemaining(
            name -> {
              if (!allowed.contains(name)) {
                throw new IllegalArgumentException(
                    where + ": unknown key '" + name + "'; expected one of " + allowed);
              }
            });
  }

  private static String text(JsonNode node, String key, String where) {
    JsonNode value = node.get(key);
    if (value == null || !value.isValueNode() || value.asText().isBlank()) {
      throw new IllegalArgumentException(where + ": '" + key + "' is required");
    }
    return value.asText();
  }
}
