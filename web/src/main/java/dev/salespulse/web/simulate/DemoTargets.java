package dev.salespulse.web.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Day targets for the demo's simulated floor, so its wallboard has targets, pace and milestones to
 * show: revenue per rep, per team and for the company, and the company's orders, calls and
 * meetings, each what a typical weekday of the simulator brings. Estimated from a sample weekday of
 * the same floor ({@link #SAMPLE_EVENTS} events), scaled to the events the simulator sends in a
 * weekday at its rate; so on a weekday some reps and teams end above target and some below.
 *
 * <p>Limits: one target per scope for every day (weekends included, when the floor is quiet);
 * targets are published by {@code salespulse demo} only, never by {@code simulate}.
 */
public final class DemoTargets {
  static final int SAMPLE_EVENTS = 20_000;
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private DemoTargets() {}

  /** {@code sales.targets} records, key ({@code SCOPE:scopeId:DAY:METRIC}) to JSON value. */
  public static Map<String, String> of(SimulatorSettings settings) {
    SalesFloor floor = SalesFloor.generate(settings.reps(), SalesFloor.STANDARD_SEED);
    LocalDate weekday = weekday(LocalDate.ofInstant(settings.clock().instant(), settings.zone()));
    double scale = eventsOn(weekday, settings) / SAMPLE_EVENTS;

    Map<String, String> teamOfRep = new TreeMap<>();
    floor.reps().forEach(rep -> teamOfRep.put(rep.repId(), rep.teamId()));
    Map<String, BigDecimal> repRevenue = new TreeMap<>();
    long orders = 0;
    long calls = 0;
    long meetings = 0;
    EventGenerator sample = new EventGenerator(floor, settings.zone(), settings.seed() + 1);
    for (SimulatedRecord event : sample.day(weekday, SAMPLE_EVENTS)) {
      JsonNode json = read(event.json());
      switch (json.get("type").asText()) {
        case "ORDER_PLACED" -> {
          repRevenue.merge(
              json.get("repId").asText(), json.get("amount").decimalValue(), BigDecimal::add);
          orders++;
        }
        case "CALL" -> calls++;
        case "MEETING" -> meetings++;
        default -> {}
      }
    }

    Map<String, String> targets = new LinkedHashMap<>();
    Map<String, BigDecimal> teamRevenue = new TreeMap<>();
    BigDecimal company = BigDecimal.ZERO;
    for (Map.Entry<String, BigDecimal> rep : repRevenue.entrySet()) {
      put(targets, "REP", rep.getKey(), "REVENUE", scaled(rep.getValue(), scale, 100));
      teamRevenue.merge(teamOfRep.get(rep.getKey()), rep.getValue(), BigDecimal::add);
      company = company.add(rep.getValue());
    }
    teamRevenue.forEach(
        (team, revenue) -> put(targets, "TEAM", team, "REVENUE", scaled(revenue, scale, 1000)));
    put(targets, "COMPANY", "all", "REVENUE", scaled(company, scale, 1000));
    put(targets, "COMPANY", "all", "ORDERS", scaled(BigDecimal.valueOf(orders), scale, 10));
    put(targets, "COMPANY", "all", "CALLS", scaled(BigDecimal.valueOf(calls), scale, 10));
    put(targets, "COMPANY", "all", "MEETINGS", scaled(BigDecimal.valueOf(meetings), scale, 5));
    return targets;
  }

  /** Events the simulator sends over a day: its rate by the business rhythm, minute by minute. */
  static double eventsOn(LocalDate date, SimulatorSettings settings) {
    BusinessRhythm rhythm = new BusinessRhythm(settings.zone());
    Instant start = date.atStartOfDay(settings.zone()).toInstant();
    Instant end = date.plusDays(1).atStartOfDay(settings.zone()).toInstant();
    double events = 0;
    for (Instant t = start; t.isBefore(end); t = t.plus(Duration.ofMinutes(1))) {
      events +=
          SalesFloorSimulator.targetRate(settings.rate(), rhythm.intensity(t.plusSeconds(30))) * 60;
    }
    return events;
  }

  private static LocalDate weekday(LocalDate date) {
    LocalDate day = date;
    while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
      day = day.plusDays(1);
    }
    return day;
  }

  /** value × scale, rounded half-up to a multiple of {@code step}, at least one step. */
  private static BigDecimal scaled(BigDecimal value, double scale, int step) {
    BigDecimal steps =
        value
            .multiply(BigDecimal.valueOf(scale))
            .divide(BigDecimal.valueOf(step), 0, RoundingMode.HALF_UP)
            .max(BigDecimal.ONE);
    return steps.multiply(BigDecimal.valueOf(step));
  }

  private static void put(
      Map<String, String> targets, String scope, String id, String metric, BigDecimal value) {
    targets.put(
        scope + ":" + id + ":DAY:" + metric,
        JSON.createObjectNode()
            .put("scope", scope)
            .put("scopeId", id)
            .put("period", "DAY")
            .put("metric", metric)
            .put("value", value)
            .toString());
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
