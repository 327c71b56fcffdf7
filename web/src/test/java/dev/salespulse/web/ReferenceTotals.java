package dev.salespulse.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.web.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * The expected revenue, orders and calls per scope, computed from the events as the contract
 * defines them, written separately from the topology: a placed order adds its amount, a
 * cancellation takes back what is left of it, a refund its amount, all attributed to the order's
 * rep and the rep's roster team. Events in the reporting currency only.
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

  void roster(String json) {
    JsonNode entry = parse(json);
    teamOfRep.put(entry.get("repId").asText(), entry.get("teamId").asText());
  }

  void order(String json) {
    JsonNode event = parse(json);
    String orderId = event.get("orderId").asText();
    switch (event.get("type").asText()) {
      case "ORDER_PLACED" -> {
        BigDecimal amount = event.get("amount").decimalValue();
        orders.put(orderId, new Order(event.get("repId").asText(), amount));
        add(event.get("repId").asText(), amount, 1, 0);
      }
      case "ORDER_CANCELLED" -> {
        Order order = orders.remove(orderId);
        add(order.repId(), order.remaining().negate(), -1, 0);
      }
      case "ORDER_REFUNDED" -> {
        Order order = orders.get(orderId);
        BigDecimal amount = event.get("amount").decimalValue();
        orders.put(orderId, new Order(order.repId(), order.remaining().subtract(amount)));
        add(order.repId(), amount.negate(), 0, 0);
      }
      default -> throw new IllegalArgumentException(json);
    }
  }

  void activity(String json) {
    JsonNode event = parse(json);
    boolean call = event.get("type").asText().equals("CALL");
    add(event.get("repId").asText(), BigDecimal.ZERO, 0, call ? 1 : 0);
  }

  Totals of(String scope) {
    return byScope.getOrDefault(scope, Totals.ZERO);
  }

  Map<String, Totals> all() {
    return Map.copyOf(byScope);
  }

  private void add(String repId, BigDecimal revenue, long orderCount, long calls) {
    String team = teamOfRep.getOrDefault(repId, "unassigned");
    for (String scope : new String[] {"company:all", "team:" + team, "rep:" + repId}) {
      byScope.merge(
          scope,
          Totals.ZERO.plus(revenue, orderCount, calls),
          (a, b) -> a.plus(b.revenue(), b.orders(), b.calls()));
    }
  }

  private static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
