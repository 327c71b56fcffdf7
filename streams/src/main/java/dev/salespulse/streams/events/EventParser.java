package dev.salespulse.streams.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the raw bytes of an input record into a typed, validated event, or says exactly why not
 * (the contract's "Events" section). Unknown fields are ignored. Thread-safe.
 */
public final class EventParser {
  /** An event more than this far ahead of the wall clock is rejected as {@code future-event}. */
  public static final Duration MAX_FUTURE = Duration.ofDays(7);

  /**
   * The largest input value read, in bytes: a thousand order lines take about a tenth of it. A
   * larger value (a small compressed batch can hold a huge one) is dead-lettered unread.
   */
  public static final int MAX_VALUE_BYTES = 1024 * 1024;

  /** The most categories one order's lines may name: each is a scope the order counts in. */
  public static final int MAX_CATEGORIES = 100;

  /** The longest number JSON may hold, and the longest money text. */
  static final int MAX_NUMBER_LENGTH = 40;

  private static final int MAX_LINES = 1_000;
  private static final long MAX_UNITS = 1_000_000_000_000_000L;

  /** Jackson's message for a field named twice in one object, with the field's name. */
  private static final Pattern DUPLICATE_FIELD =
      Pattern.compile("Duplicate field '(.*?)' for `ObjectNode`", Pattern.DOTALL);

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(32)
                          .maxNumberLength(MAX_NUMBER_LENGTH)
                          .build())
                  .build())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // {"amount":10,"amount":1000} is ambiguous: refused rather than read as the last one.
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .build();

  private EventParser() {}

  /**
   * An order or an activity event, by its {@code type}: what a producer that writes to both topics
   * (HTTP ingest) checks before it routes a record. Either one of the {@link OrderEvent} records or
   * an {@link ActivityEvent}.
   */
  public static Record event(byte[] bytes, Instant now) throws InvalidEventException {
    JsonNode node = object(bytes);
    String type = new JsonFields(node).text("type");
    if (isOneOf(OrderType.class, type)) {
      // Every kind of order event is a record.
      return (Record) order(node, now);
    }
    if (isOneOf(ActivityType.class, type)) {
      return activity(node, now);
    }
    throw new InvalidEventException(
        RejectReason.UNKNOWN_TYPE,
        "unknown type '"
            + type
            + "': an order (ORDER_PLACED, ORDER_CANCELLED, ORDER_REFUNDED)"
            + " or an activity (CALL, EMAIL, MEETING, DEMO, LEAD_CREATED, DEAL_WON, DEAL_LOST)");
  }

  private static <E extends Enum<E>> boolean isOneOf(Class<E> types, String name) {
    for (E value : types.getEnumConstants()) {
      if (value.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  public static OrderEvent order(byte[] bytes, Instant now) throws InvalidEventException {
    return order(object(bytes), now);
  }

  /**
   * The fields are checked in the same order whatever the type (an optional field that is there
   * must be well formed on a correction too), so an event is rejected for the same reason whichever
   * its type; each type then keeps what it carries.
   */
  private static OrderEvent order(JsonNode node, Instant now) throws InvalidEventException {
    JsonFields json = new JsonFields(node);
    String eventId = json.text("eventId");
    OrderType type = json.type(OrderType.class);
    String orderId = json.text("orderId");
    Instant occurredAt = notInFuture(json.instant("occurredAt"), now);
    Optional<String> repId = json.optionalText("repId");
    Optional<String> currency = currency(json);
    Optional<BigDecimal> amount = json.optionalMoney("amount");
    return switch (type) {
      case ORDER_PLACED -> {
        String rep = require(repId, "repId");
        BigDecimal placed = require(amount, "amount");
        String code = require(currency, "currency");
        yield new OrderEvent.Placed(
            eventId,
            orderId,
            occurredAt,
            rep,
            code,
            placed,
            json.optionalText("customerId"),
            json.optionalText("channel"),
            json.optionalText("teamId"),
            json.optionalText("region"),
            lines(node));
      }
      case ORDER_CANCELLED -> {
        checkAttribution(json);
        yield new OrderEvent.Cancelled(eventId, orderId, occurredAt);
      }
      case ORDER_REFUNDED -> {
        BigDecimal refund = require(amount, "amount");
        checkAttribution(json);
        yield new OrderEvent.Refunded(eventId, orderId, occurredAt, refund);
      }
    };
  }

  /** A correction is attributed as its order was, but the fields it gives must be well formed. */
  private static void checkAttribution(JsonFields json) throws InvalidEventException {
    for (String name : List.of("customerId", "channel", "teamId", "region")) {
      json.optionalText(name);
    }
  }

  public static ActivityEvent activity(byte[] bytes, Instant now) throws InvalidEventException {
    return activity(object(bytes), now);
  }

  private static ActivityEvent activity(JsonNode node, Instant now) throws InvalidEventException {
    JsonFields json = new JsonFields(node);
    return new ActivityEvent(
        json.text("eventId"),
        json.type(ActivityType.class),
        notInFuture(json.instant("occurredAt"), now),
        json.text("repId"),
        json.optionalText("customerId"),
        json.optionalText("outcome"),
        json.optionalWholeNumber("durationSeconds"),
        json.optionalMoney("dealValue"),
        json.optionalText("teamId"),
        json.optionalText("region"));
  }

  static JsonNode object(byte[] bytes) throws InvalidEventException {
    if (bytes == null || bytes.length == 0) {
      throw new InvalidEventException(RejectReason.MALFORMED_JSON, "empty value");
    }
    if (bytes.length > MAX_VALUE_BYTES) {
      throw new InvalidEventException(
          RejectReason.VALUE_TOO_LARGE,
          "the value has " + bytes.length + " bytes, more than " + MAX_VALUE_BYTES);
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      Matcher twice = DUPLICATE_FIELD.matcher(String.valueOf(e.getOriginalMessage()));
      if (twice.lookingAt()) {
        throw new InvalidEventException(
            RejectReason.MALFORMED_JSON,
            "field '" + brief(twice.group(1)) + "' appears twice in an object");
      }
      throw new InvalidEventException(RejectReason.MALFORMED_JSON, "not JSON: " + brief(e));
    } catch (IOException e) {
      throw new InvalidEventException(RejectReason.MALFORMED_JSON, "not JSON: " + e.getMessage());
    } catch (NumberFormatException | ArithmeticException e) {
      throw new InvalidEventException(RejectReason.MALFORMED_JSON, "unreadable number in JSON");
    }
    if (node == null || !node.isObject()) {
      throw new InvalidEventException(RejectReason.MALFORMED_JSON, "not a JSON object");
    }
    return node;
  }

  /** A field name as a detail quotes it: at most 100 characters. */
  private static String brief(String name) {
    return name.length() <= 100 ? name : name.substring(0, 100) + "…";
  }

  /** Jackson's message without its source-location suffix. */
  private static String brief(JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    int location = message.indexOf(" (start marker");
    return (location > 0 ? message.substring(0, location) : message)
        + (e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr());
  }

  private static List<OrderLine> lines(JsonNode order) throws InvalidEventException {
    JsonNode lines = order.get("lines");
    if (lines == null || lines.isNull()) {
      return List.of();
    }
    if (!lines.isArray() || lines.size() > MAX_LINES) {
      throw new InvalidEventException(
          RejectReason.WRONG_TYPE, "'lines' must be an array of at most " + MAX_LINES);
    }
    List<OrderLine> result = new ArrayList<>(lines.size());
    Set<String> categories = new HashSet<>();
    long units = 0;
    for (JsonNode line : lines) {
      if (!line.isObject()) {
        throw new InvalidEventException(RejectReason.WRONG_TYPE, "a line must be a JSON object");
      }
      JsonFields fields = new JsonFields(line);
      long quantity =
          fields.optionalWholeNumber("quantity").orElseThrow(() -> JsonFields.missing("quantity"));
      // Units are summed exactly in a long, like money: keep one order far from overflow.
      if (quantity >= MAX_UNITS - units) {
        throw new InvalidEventException(
            RejectReason.WRONG_TYPE, "the lines' 'quantity' add up to " + MAX_UNITS + " or more");
      }
      units += quantity;
      Optional<String> category = fields.optionalText("category");
      if (category.isPresent()
          && categories.add(category.get())
          && categories.size() > MAX_CATEGORIES) {
        throw new InvalidEventException(
            RejectReason.TOO_MANY_CATEGORIES,
            "the lines name more than " + MAX_CATEGORIES + " categories");
      }
      result.add(
          new OrderLine(fields.optionalText("sku"), category, quantity, fields.money("unitPrice")));
    }
    return result;
  }

  private static Optional<String> currency(JsonFields json) throws InvalidEventException {
    Optional<String> currency = json.optionalText("currency");
    if (currency.isPresent() && !currency.get().matches("[A-Z]{3}")) {
      throw new InvalidEventException(
          RejectReason.WRONG_TYPE, "'currency' must be a 3-letter ISO 4217 code");
    }
    return currency;
  }

  private static Instant notInFuture(Instant occurredAt, Instant now) throws InvalidEventException {
    if (occurredAt.isAfter(now.plus(MAX_FUTURE))) {
      throw new InvalidEventException(
          RejectReason.FUTURE_EVENT, "occurredAt " + occurredAt + " is more than 7 days ahead");
    }
    return occurredAt;
  }

  private static <T> T require(Optional<T> value, String name) throws InvalidEventException {
    if (value.isEmpty()) {
      throw JsonFields.missing(name);
    }
    return value.get();
  }
}
