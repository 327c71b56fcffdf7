package dev.salespulse.web.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salespulse.streams.events.EventParser;
import dev.salespulse.streams.events.FxRate;
import dev.salespulse.streams.events.RejectReason;
import dev.salespulse.streams.events.TargetValue;
import dev.salespulse.streams.topology.Topics;
import dev.salespulse.web.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks of reference data, and the record each good one becomes, keyed as its topic defines:
 *
 * <ul>
 *   <li>roster entry ({@code sales.reps}, key {@code repId}): {@code repId} required; {@code name},
 *       {@code teamId}, {@code region} text, {@code active} a boolean;
 *   <li>target ({@code sales.targets}, key {@code SCOPE:scopeId:PERIOD:METRIC}): scope, period and
 *       metric among the contract's (any letter case), {@code scopeId} {@code all} for the company,
 *       {@code value} an amount; {@code "value": null} deletes the target;
 *   <li>fx rate ({@code sales.fx-rates}, key {@code currency}): a three-letter ISO 4217 code and a
 *       positive {@code perUnitInReporting} within the bounds the topology uses.
 * </ul>
 *
 * Fields other than these are refused. Records are written in one canonical form (codes in
 * capitals), whatever form they came in.
 */
final class ReferenceChecks {
  private static final List<String> SCOPES = List.of("COMPANY", "REGION", "TEAM", "REP");
  private static final List<String> PERIODS =
      List.of(
          "DAY",
          "WEEK",
          "MONTH",
          "QUARTER",
          "MONDAY",
          "TUESDAY",
          "WEDNESDAY",
          "THURSDAY",
          "FRIDAY",
          "SATURDAY",
          "SUNDAY");
  private static final List<String> METRICS =
      List.of("REVENUE", "ORDERS", "CALLS", "MEETINGS", "DEALS_WON");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final int MAX_TEXT = 200;
  private static final int MAX_DIGITS = 40;

  private final Topics topics;

  ReferenceChecks(Topics topics) {
    this.topics = topics;
  }

  Checked check(ReferenceKind kind, byte[] json) {
    try {
      ObjectNode node = object(json);
      onlyFields(node, FIELDS.get(kind));
      return switch (kind) {
        case REPS -> rep(node);
        case TARGETS -> target(node);
        case FX_RATES -> fxRate(node);
      };
    } catch (Invalid e) {
      return new Checked.Refused(e.reason, e.getMessage(), null);
    }
  }

  /**
   * The fields each kind has: any other is refused, as a misspelt column ({@code Value}) would
   * otherwise be dropped silently and, for a target, read as a deletion.
   */
  private static final Map<ReferenceKind, List<String>> FIELDS =
      Map.of(
          ReferenceKind.REPS, List.of("repId", "name", "teamId", "region", "active"),
          ReferenceKind.TARGETS, List.of("scope", "scopeId", "period", "metric", "value"),
          ReferenceKind.FX_RATES, List.of("currency", "perUnitInReporting"));

  private static void onlyFields(ObjectNode node, List<String> fields) throws Invalid {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!fields.contains(name)) {
        throw new Invalid(
            RejectReason.WRONG_TYPE,
            "unknown field '"
                + (name.length() > MAX_TEXT ? name.substring(0, MAX_TEXT) + "…" : name)
                + "'; the fields are "
                + String.join(", ", fields));
      }
    }
  }

  /** A number whose digits are bounded (an exponent such as 1e999999999 is refused unread). */
  private static void boundedNumber(JsonNode value, String field) throws Invalid {
    if (value.isNumber()) {
      java.math.BigDecimal number = value.decimalValue();
      if (Math.abs(number.scale()) > MAX_DIGITS
          || number.precision() - number.scale() > MAX_DIGITS) {
        throw new Invalid(RejectReason.WRONG_TYPE, "'" + field + "' has too many digits");
      }
    }
  }

  private Checked rep(ObjectNode node) throws Invalid {
    ObjectNode out = Json.MAPPER.createObjectNode();
    String repId = text(node, "repId", true);
    out.put("repId", repId);
    for (String field : List.of("name", "teamId", "region")) {
      String value = text(node, field, false);
      if (value != null) {
        out.put(field, value);
      }
    }
    JsonNode active = node.get("active");
    if (active != null && !active.isNull()) {
      if (!active.isBoolean()) {
        throw new Invalid(RejectReason.WRONG_TYPE, "'active' must be true or false");
      }
      out.put("active", active.booleanValue());
    }
    return routed(topics.reps().name(), repId, out);
  }

  private Checked target(ObjectNode node) throws Invalid {
    String scope = oneOf(node, "scope", SCOPES);
    String scopeId = text(node, "scopeId", true);
    if (scope.equals("COMPANY") && !scopeId.equals("all")) {
      throw new Invalid(
          RejectReason.WRONG_TYPE, "a COMPANY target's 'scopeId' is 'all', not '" + scopeId + "'");
    }
    String period = oneOf(node, "period", PERIODS);
    String metric = oneOf(node, "metric", METRICS);
    String key = scope + ":" + scopeId + ":" + period + ":" + metric;
    JsonNode value = node.get("value");
    if (value == null) {
      throw new Invalid(
          RejectReason.MISSING_FIELD,
          "required field 'value' is missing (to delete a target, send \"value\": null as JSON)");
    }
    if (value.isNull()) {
      return new Checked.Routed(topics.targets().name(), key, null, null);
    }
    boundedNumber(value, "value");
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("scope", scope).put("scopeId", scopeId).put("period", period).put("metric", metric);
    out.set("value", value);
    if (TargetValue.parse(Json.write(out)).isEmpty()) {
      throw new Invalid(
          RejectReason.WRONG_TYPE,
          "'value' must be an amount: a number, not negative, below 10^15, at most 4 decimals");
    }
    return routed(topics.targets().name(), key, out);
  }

  private Checked fxRate(ObjectNode node) throws Invalid {
    String currency = text(node, "currency", true);
    if (!CURRENCY.matcher(currency).matches()) {
      throw new Invalid(
          RejectReason.WRONG_TYPE,
          "'currency' must be a three-letter ISO 4217 code in capitals, was '" + currency + "'");
    }
    JsonNode rate = node.get("perUnitInReporting");
    if (rate == null || rate.isNull()) {
      throw new Invalid(
          RejectReason.MISSING_FIELD, "required field 'perUnitInReporting' is missing");
    }
    boundedNumber(rate, "perUnitInReporting");
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("currency", currency);
    out.set("perUnitInReporting", rate);
    if (FxRate.parse(Json.write(out)).isEmpty()) {
      throw new Invalid(
          RejectReason.WRONG_TYPE,
          "'perUnitInReporting' must be a number from "
              + FxRate.MIN.toPlainString()
              + " to "
              + FxRate.MAX.toPlainString()
              + " with at most "
              + FxRate.MAX_DIGITS
              + " significant digits");
    }
    return routed(topics.fxRates().name(), currency, out);
  }

  private static Checked routed(String topic, String key, ObjectNode value) {
    return new Checked.Routed(topic, key, Json.write(value).getBytes(StandardCharsets.UTF_8), null);
  }

  private static ObjectNode object(byte[] json) throws Invalid {
    if (json.length > EventParser.MAX_VALUE_BYTES) {
      throw new Invalid(RejectReason.VALUE_TOO_LARGE, "the record is larger than 1 MiB");
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(json);
    } catch (IOException | RuntimeException e) {
      throw new Invalid(RejectReason.MALFORMED_JSON, "not JSON");
    }
    if (!(node instanceof ObjectNode object)) {
      throw new Invalid(RejectReason.MALFORMED_JSON, "not a JSON object");
    }
    return object;
  }

  private static String text(JsonNode node, String field, boolean required) throws Invalid {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
      if (required) {
        throw new Invalid(RejectReason.MISSING_FIELD, "required field '" + field + "' is missing");
      }
      return null;
    }
    if (!value.isTextual()) {
      throw new Invalid(RejectReason.WRONG_TYPE, "'" + field + "' must be a string");
    }
    if (value.asText().length() > MAX_TEXT) {
      throw new Invalid(
          RejectReason.WRONG_TYPE, "'" + field + "' is longer than " + MAX_TEXT + " characters");
    }
    return value.asText();
  }

  private static String oneOf(JsonNode node, String field, List<String> allowed) throws Invalid {
    String value = text(node, field, true).toUpperCase(Locale.ROOT);
    if (!allowed.contains(value)) {
      throw new Invalid(
          RejectReason.UNKNOWN_TYPE,
          "'" + field + "' must be one of " + String.join(", ", allowed) + ", was '" + value + "'");
    }
    return value;
  }

  private static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient String reason;

    Invalid(RejectReason reason, String detail) {
      super(detail, null, false, false);
      this.reason = reason.code();
    }
  }
}
