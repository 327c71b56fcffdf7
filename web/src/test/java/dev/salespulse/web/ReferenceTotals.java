package dev.salespulse.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.web.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * The expected revenue, orders and calls per scope, computed from the events as the contract
 * defines them, written separately from the topology: a placed order adds its amount, a
 * cancellation takes back what is left of it, a refund its amount, all attributed to the order's
 * rep and the rep's roster team. Events in the reporting currency only.
 *
 * <p>Also per business day and per minute of each scope, by each event's own {@code occurredAt}: a
 * cancellation or refund counts when it happened, not when its order was placed.
 */
final class ReferenceTotals {
  record Totals(BigDecimal revenue, long orders, long calls) {
    static final Totals ZERO = new Totals(BigDecimal.ZERO, 0, 0);

    Totals plus(BigDecimal revenueDelta, long ordersDelta, long callsDelta) {
      return new Totals(revenue.add(revenueDelta), orders + ordersDelta, calls + callsDelta);
    }
  }

  private record Order(String repId, BigDecimal remaining) {}

  private final Map<String, String> teamOfRep = new HashMap<>();
  private final Map<String, Order> orders = new HashMap<>();
  private final Map<String, Totals> byScope = new HashMap<>();
  private final Map<String, Map<LocalDate, Totals>> byScopeAndDay = new HashMap<>();
  private final Map<String, Map<Instant, Totals>> byScopeAndMinute = new HashMap<>();
  private final ZoneId zone;

  /** Day buckets in UTC. */
  ReferenceTotals() {
    this(ZoneOffset.UTC);
  }

  /**
   * @param zone the business time zone, whose local dates the day buckets follow
   */
  ReferenceTotals(ZoneId zone) {
    this.zone = zone;
  }

  void roster(String json) {
    JsonNode entry = parse(json);
    teamOfRep.put(entry.get("repId").asText(), entry.get("teamId").asText());
  }

  void order(String json) {
    JsonNode event = parse(json);
    String orderId = event.get("orderId").asText();
    Instant at = occurredAt(event);
    switch (event.get("type").asText()) {
      case "ORDER_PLACED" -> {
        BigDecimal amount = event.get("amount").decimalValue();
        orders.put(orderId, new Order(event.get("repId").asText(), amount));
        add(event.get("repId").asText(), at, amount, 1, 0);
      }
      case "ORDER_CANCELLED" -> {
        Order order = orders.remove(orderId);
        add(order.repId(), at, order.remaining().negate(), -1, 0);
      }
      case "ORDER_REFUNDED" -> {
        Order order = orders.get(orderId);
        BigDecimal amount = event.get("amount").decimalValue();
        orders.put(orderId, new Order(order.repId(), order.remaining().subtract(amount)));
        add(order.repId(), at, amount.negate(), 0, 0);
      }
      default -> throw new IllegalArgumentException(json);
    }
  }

  void activity(String json) {
    JsonNode event = parse(json);
    boolean call = event.get("type").asText().equals("CALL");
    add(event.get("repId").asText(), occurredAt(event), BigDecimal.ZERO, 0, call ? 1 : 0);
  }

  Totals of(String scope) {
    return byScope.getOrDefault(scope, Totals.ZERO);
  }

  Map<String, Totals> all() {
    return Map.copyOf(byScope);
  }

  /** The totals of one business day of a scope; zeros when nothing happened. */
  Totals of(String scope, LocalDate day) {
    return byScopeAndDay.getOrDefault(scope, Map.of()).getOrDefault(day, Totals.ZERO);
  }

  /** The minute buckets of a scope that an event touched, by minute start. */
  Map<Instant, Totals> minutesOf(String scope) {
    return Map.copyOf(byScopeAndMinute.getOrDefault(scope, Map.of()));
  }

  private void add(String repId, Instant at, BigDecimal revenue, long orderCount, long calls) {
    String team = teamOfRep.getOrDefault(repId, "unassigned");
    Totals delta = Totals.ZERO.plus(revenue, orderCount, calls);
    LocalDate day = LocalDate.ofInstant(at, zone);
    Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
    for (String scope : new String[] {"company:all", "team:" + team, "rep:" + repId}) {
      byScope.merge(scope, delta, ReferenceTotals::sum);
      byScopeAndDay
          .computeIfAbsent(scope, s -> new HashMap<>())
          .merge(day, delta, ReferenceTotals::sum);
      byScopeAndMinute
          .computeIfAbsent(scope, s -> new HashMap<>())
          .merge(minute, delta, ReferenceTotals::sum);
    }
  }

  private static Totals sum(Totals a, Totals b) {
    return a.plus(b.revenue(), b.orders(), b.calls());
  }

  private static Instant occurredAt(JsonNode event) {
    return OffsetDateTime.parse(event.get("occurredAt").asText()).toInstant();
  }

  private static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
