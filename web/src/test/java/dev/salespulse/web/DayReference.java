package dev.salespulse.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.web.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every KPI of every scope and business day, computed from the events the way the contract and the
 * as-built rules of {@code docs/DESIGN.md} define them, written apart from the topology and with
 * {@link BigDecimal} only: money rounded half-even to 2 digits per event (per line for categories),
 * ratios half-even to 4 digits, {@code null} without a denominator. Events in the reporting
 * currency (USD) only, so no conversion; an event of a case not modelled (another currency, a
 * correction of an unknown order, an order placed twice, a refund larger than what is left) is
 * refused with an {@link IllegalArgumentException} rather than counted wrongly.
 *
 * <p>Rules followed: team and region come from the roster; a cancellation takes back what is left
 * of the order (and one order), a refund its amount, both attributed to the original order's rep,
 * team, region, channel and categories and counted at their own {@code occurredAt}; a category
 * counts its lines' totals, their units and one order; a partial refund comes off the categories in
 * proportion to what each still counts (the refund's fraction of what is left of the order, applied
 * to the categories' total, rounded half-even, split by largest remainder, ties by name); a full
 * refund takes back exactly what each category counts. {@code customers} are the distinct customers
 * with a placed order in the scope that day (a cancelled order's customer still counts), {@code
 * newCustomers} those whose first placed order ever falls on that day.
 *
 * <p>Also counts which rules the events exercised ({@link #exercised()}), so a test can make sure
 * its data are not trivial.
 */
final class DayReference {
  static final String COMPANY = "company:all";
  private static final int MONEY_DIGITS = 2;
  private static final int RATIO_DIGITS = 4;
  private static final String UNASSIGNED = "unassigned";
  private static final String REPORTING_CURRENCY = "USD";

  private record Rep(String name, String teamId, String region) {}

  /** A placed order as later corrections see it. */
  private static final class Order {
    final List<String> scopes;
    final LocalDate placedOn;
    BigDecimal remaining;
    final Map<String, BigDecimal> categoryLeft;

    Order(
        List<String> scopes, LocalDate placedOn, BigDecimal amount, Map<String, BigDecimal> lines) {
      this.scopes = scopes;
      this.placedOn = placedOn;
      this.remaining = amount;
      this.categoryLeft = new TreeMap<>(lines);
    }
  }

  /** The additive counters of one scope on one day. */
  private static final class Counters {
    BigDecimal revenue = BigDecimal.ZERO;
    BigDecimal gross = BigDecimal.ZERO;
    BigDecimal reversed = BigDecimal.ZERO;
    long placed;
    long cancelled;
    long units;
    long calls;
    long connected;
    long emails;
    long meetings;
    long demos;
    long leads;
    long dealsWon;
    long dealsLost;
    final Set<String> customers = new HashSet<>();
  }

  private final ZoneId zone;
  private final Map<String, Rep> roster = new HashMap<>();
  private final Map<String, Order> orders = new HashMap<>();
  private final Map<String, Map<LocalDate, Counters>> counters = new TreeMap<>();
  private final Map<String, LocalDate> firstOrderDay = new HashMap<>();
  private final Map<String, Integer> exercised = new TreeMap<>();

  /**
   * @param zone the business time zone, whose local dates the days follow
   */
  DayReference(ZoneId zone) {
    this.zone = zone;
  }

  void roster(String json) {
    JsonNode entry = parse(json);
    roster.put(
        entry.get("repId").asText(),
        new Rep(
            entry.get("name").asText(),
            entry.get("teamId").asText(),
            entry.get("region").asText()));
  }

  void order(String json) {
    JsonNode event = parse(json);
    String currency = text(event, "currency");
    if (currency != null && !currency.equals(REPORTING_CURRENCY)) {
      throw new IllegalArgumentException("not modelled: an order in " + currency + ": " + json);
    }
    String orderId = event.get("orderId").asText();
    LocalDate day = day(event);
    switch (event.get("type").asText()) {
      case "ORDER_PLACED" -> placed(orderId, day, event);
      case "ORDER_CANCELLED" -> cancelled(known(orderId, json, orders.remove(orderId)), day);
      case "ORDER_REFUNDED" ->
          refunded(known(orderId, json, orders.get(orderId)), day, money(event.get("amount")));
      default -> throw new IllegalArgumentException(json);
    }
  }

  void activity(String json) {
    JsonNode event = parse(json);
    String type = event.get("type").asText();
    boolean connected = "CONNECTED".equals(text(event, "outcome"));
    for (String scope : repScopes(event.get("repId").asText())) {
      Counters c = at(scope, day(event));
      switch (type) {
        case "CALL" -> {
          c.calls++;
          c.connected += connected ? 1 : 0;
        }
        case "EMAIL" -> c.emails++;
        case "MEETING" -> c.meetings++;
        case "DEMO" -> c.demos++;
        case "LEAD_CREATED" -> c.leads++;
        case "DEAL_WON" -> c.dealsWon++;
        case "DEAL_LOST" -> c.dealsLost++;
        default -> throw new IllegalArgumentException(json);
      }
    }
    seen("activity " + type);
  }

  /** The order a correction refers to; corrections of unknown orders are not modelled. */
  private static Order known(String orderId, String json, Order order) {
    if (order == null) {
      throw new IllegalArgumentException(
          "not modelled: a correction of unknown order " + orderId + ": " + json);
    }
    return order;
  }

  private void placed(String orderId, LocalDate day, JsonNode event) {
    if (orders.containsKey(orderId)) {
      throw new IllegalArgumentException("not modelled: order " + orderId + " placed twice");
    }
    BigDecimal amount = money(event.get("amount"));
    Map<String, BigDecimal> categoryAmount = new TreeMap<>();
    Map<String, Long> categoryUnits = new TreeMap<>();
    long units = 0;
    JsonNode lines = event.path("lines");
    for (JsonNode line : lines) {
      long quantity = line.get("quantity").asLong();
      units += quantity;
      String category = text(line, "category");
      if (category != null) {
        BigDecimal total =
            line.get("unitPrice")
                .decimalValue()
                .multiply(BigDecimal.valueOf(quantity))
                .setScale(MONEY_DIGITS, RoundingMode.HALF_EVEN);
        categoryAmount.merge(category, total, BigDecimal::add);
        categoryUnits.merge(category, quantity, Long::sum);
      }
    }
    List<String> scopes = new ArrayList<>(repScopes(event.get("repId").asText()));
    String channel = text(event, "channel");
    if (channel != null) {
      scopes.add("channel:" + channel);
    }
    String customer = text(event, "customerId");
    for (String scope : scopes) {
      place(at(scope, day), amount, units, customer);
    }
    categoryAmount.forEach(
        (category, total) ->
            place(at("category:" + category, day), total, categoryUnits.get(category), customer));
    if (customer != null) {
      firstOrderDay.merge(customer, day, (a, b) -> a.isBefore(b) ? a : b);
    }
    orders.put(orderId, new Order(scopes, day, amount, categoryAmount));
    seen("order placed");
    if (categoryAmount.size() > 1) {
      seen("order over several categories");
    }
    if (lines.size() > categoryAmount.size()) {
      seen("order with two lines of one category");
    }
  }

  private static void place(Counters c, BigDecimal amount, long units, String customer) {
    c.revenue = c.revenue.add(amount);
    c.gross = c.gross.add(amount);
    c.placed++;
    c.units += units;
    if (customer != null) {
      c.customers.add(customer);
    }
  }

  private void cancelled(Order order, LocalDate day) {
    for (String scope : order.scopes) {
      cancel(at(scope, day), order.remaining);
    }
    order.categoryLeft.forEach((category, left) -> cancel(at("category:" + category, day), left));
    seen("order cancelled");
    if (!order.placedOn.equals(day)) {
      seen("correction of an earlier day's order");
    }
  }

  private static void cancel(Counters c, BigDecimal left) {
    c.revenue = c.revenue.subtract(left);
    c.reversed = c.reversed.add(left);
    c.cancelled++;
  }

  private void refunded(Order order, LocalDate day, BigDecimal amount) {
    if (amount.compareTo(order.remaining) > 0) {
      throw new IllegalArgumentException(
          "not modelled: a refund of " + amount + ", more than the " + order.remaining + " left");
    }
    boolean full = amount.compareTo(order.remaining) == 0;
    Map<String, BigDecimal> parts =
        full ? new TreeMap<>(order.categoryLeft) : categoryShare(order, amount);
    for (String scope : order.scopes) {
      refund(at(scope, day), amount);
    }
    parts.forEach(
        (category, part) -> {
          refund(at("category:" + category, day), part);
          order.categoryLeft.merge(category, part.negate(), BigDecimal::add);
        });
    order.remaining = order.remaining.subtract(amount);
    seen(full ? "order refunded fully" : "order refunded partly");
    if (!full && parts.size() > 1) {
      seen("partial refund over several categories");
    }
    if (!order.placedOn.equals(day)) {
      seen("correction of an earlier day's order");
    }
  }

  private static void refund(Counters c, BigDecimal amount) {
    c.revenue = c.revenue.subtract(amount);
    c.reversed = c.reversed.add(amount);
  }

  /**
   * The refund's fraction of what is left of the order, applied to what the categories still count
   * and rounded half-even; split in cents by largest remainder, ties by category name.
   */
  private Map<String, BigDecimal> categoryShare(Order order, BigDecimal refund) {
    Map<String, BigDecimal> parts = new TreeMap<>();
    order.categoryLeft.keySet().forEach(category -> parts.put(category, BigDecimal.ZERO));
    BigDecimal categoriesLeft =
        order.categoryLeft.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    if (categoriesLeft.signum() <= 0 || order.remaining.signum() <= 0) {
      return parts;
    }
    BigDecimal share =
        categoriesLeft
            .multiply(refund)
            .divide(order.remaining, MONEY_DIGITS, RoundingMode.HALF_EVEN)
            .min(categoriesLeft);
    Map<String, BigDecimal> remainders = new TreeMap<>();
    BigDecimal given = BigDecimal.ZERO;
    for (Map.Entry<String, BigDecimal> left : order.categoryLeft.entrySet()) {
      BigDecimal exact =
          share.multiply(left.getValue()).divide(categoriesLeft, 20, RoundingMode.DOWN);
      BigDecimal floor = exact.setScale(MONEY_DIGITS, RoundingMode.FLOOR);
      parts.put(left.getKey(), floor);
      remainders.put(left.getKey(), exact.subtract(floor));
      given = given.add(floor);
    }
    BigDecimal cent = BigDecimal.ONE.movePointLeft(MONEY_DIGITS);
    List<String> byRemainder =
        remainders.entrySet().stream()
            .sorted(
                Map.Entry.<String, BigDecimal>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()))
            .map(Map.Entry::getKey)
            .toList();
    for (int i = 0; given.compareTo(share) < 0; i++) {
      parts.merge(byRemainder.get(i % byRemainder.size()), cent, BigDecimal::add);
      given = given.add(cent);
      seen("category split by largest remainder");
    }
    return parts;
  }

  /** Every scope any event touched, on any day, sorted. */
  Set<String> scopes() {
    return new TreeSet<>(counters.keySet());
  }

  /** The scopes of one kind ({@code "rep"}) with any event on {@code day}. */
  Set<String> scopesOn(String kind, LocalDate day) {
    Set<String> scopes = new TreeSet<>();
    counters.forEach(
        (scope, days) -> {
          if (scope.startsWith(kind + ":") && days.containsKey(day)) {
            scopes.add(scope);
          }
        });
    return scopes;
  }

  /** A rep's display name from the roster. */
  String repName(String repId) {
    Rep rep = roster.get(repId);
    return rep == null ? repId : rep.name();
  }

  /**
   * Every KPI of the scope on the day, by API name: {@link BigDecimal} for money and ratios, {@link
   * Long} for counts, {@code null} for a ratio without a denominator.
   */
  Map<String, Object> kpis(String scope, LocalDate day) {
    Counters c = counters.getOrDefault(scope, Map.of()).getOrDefault(day, new Counters());
    long fresh = c.customers.stream().filter(id -> day.equals(firstOrderDay.get(id))).count();
    Map<String, Object> kpis = new LinkedHashMap<>();
    kpis.put("revenue", c.revenue);
    kpis.put("grossRevenue", c.gross);
    kpis.put("orders", c.placed - c.cancelled);
    kpis.put("units", c.units);
    kpis.put(
        "aov",
        c.placed == 0
            ? null
            : c.gross.divide(BigDecimal.valueOf(c.placed), MONEY_DIGITS, RoundingMode.HALF_EVEN));
    kpis.put("refundRate", ratio(c.reversed, c.gross));
    kpis.put("calls", c.calls);
    kpis.put("emails", c.emails);
    kpis.put("meetings", c.meetings);
    kpis.put("demos", c.demos);
    kpis.put("leads", c.leads);
    kpis.put("connectRate", ratio(c.connected, c.calls));
    kpis.put("dealsWon", c.dealsWon);
    kpis.put("dealsLost", c.dealsLost);
    kpis.put("winRate", ratio(c.dealsWon, c.dealsWon + c.dealsLost));
    kpis.put("customers", (long) c.customers.size());
    kpis.put("newCustomers", fresh);
    kpis.put("repeatRate", ratio(c.customers.size() - fresh, c.customers.size()));
    return kpis;
  }

  /** How often each rule was exercised ("order cancelled", "activity DEMO", …). */
  Map<String, Integer> exercised() {
    return Map.copyOf(exercised);
  }

  private static BigDecimal ratio(long numerator, long denominator) {
    return ratio(BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator));
  }

  private static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator) {
    return denominator.signum() == 0
        ? null
        : numerator.divide(denominator, RATIO_DIGITS, RoundingMode.HALF_EVEN);
  }

  /** The company, region, team and rep scopes of a rep, by the roster. */
  private List<String> repScopes(String repId) {
    Rep rep = roster.getOrDefault(repId, new Rep(repId, UNASSIGNED, UNASSIGNED));
    return List.of(COMPANY, "region:" + rep.region(), "team:" + rep.teamId(), "rep:" + repId);
  }

  private Counters at(String scope, LocalDate day) {
    return counters
        .computeIfAbsent(scope, s -> new TreeMap<>())
        .computeIfAbsent(day, d -> new Counters());
  }

  private void seen(String rule) {
    exercised.merge(rule, 1, Integer::sum);
  }

  private LocalDate day(JsonNode event) {
    Instant at = OffsetDateTime.parse(event.get("occurredAt").asText()).toInstant();
    return LocalDate.ofInstant(at, zone);
  }

  private static BigDecimal money(JsonNode amount) {
    return amount.decimalValue().setScale(MONEY_DIGITS, RoundingMode.HALF_EVEN);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
