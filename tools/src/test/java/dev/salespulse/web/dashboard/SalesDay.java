package dev.salespulse.web.dashboard;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salespulse.tools.simulate.EventGenerator;
import dev.salespulse.tools.simulate.SalesFloor;
import dev.salespulse.tools.simulate.SimulatedRecord;
import dev.salespulse.web.RunningApp;
import dev.salespulse.web.json.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A realistic sales day for the dashboard, produced to a running SalesPulse with a plain producer:
 * the simulator's roster (12 reps in 5 teams), day targets for the company, every team and every
 * rep (some met, some not), the same weekday last week, and today's events up to now. The
 * simulator's day is squeezed into the hours before now (UTC business days), so the page has
 * figures whatever time the test runs.
 */
final class SalesDay {
  private static final int REPS = 12;
  private static final int TODAY_EVENTS = 600;
  private static final int LAST_WEEK_EVENTS = 500;

  private final RunningApp running;
  private long placed;
  private long cancelled;
  private long calls;

  private SalesDay(RunningApp running) {
    this.running = running;
  }

  /** Produces the day and waits until SalesPulse has counted all of it. */
  static SalesDay produce(RunningApp running, Instant now) {
    SalesDay day = new SalesDay(running);
    day.produceAll(now);
    return day;
  }

  private void produceAll(Instant now) {
    EventGenerator today = new EventGenerator(SalesFloor.generate(REPS, 7L), ZoneOffset.UTC, 7L);
    EventGenerator lastWeek = new EventGenerator(SalesFloor.generate(REPS, 7L), ZoneOffset.UTC, 8L);
    for (SimulatedRecord rep : today.roster()) {
      send(running.topics.reps().name(), rep.key(), rep.json());
    }
    running.producer.flush();
    running.awaitReady();
    String firstRep = today.roster().get(0).key();
    String name = running.parse(today.roster().get(0).json()).get("name").asText();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                name.equals(
                    running.getJson("/api/v1/kpis?scope=rep:" + firstRep).get("name").asText()));

    Instant midnight = now.truncatedTo(ChronoUnit.DAYS);
    Instant from = max(midnight.plusSeconds(60), now.minus(Duration.ofHours(6)));
    Instant to = now.minusSeconds(20);
    LocalDate date = LocalDate.ofInstant(now, ZoneOffset.UTC);
    List<SimulatedRecord> todays = squeeze(today.day(date, TODAY_EVENTS), from, to);
    List<SimulatedRecord> lastWeeks =
        squeeze(
            lastWeek.day(date.minusDays(7), LAST_WEEK_EVENTS),
            from.minus(Duration.ofDays(7)),
            to.minus(Duration.ofDays(7)));

    publishTargets(todays);
    for (SimulatedRecord event : lastWeeks) {
      sendEvent(event);
    }
    for (SimulatedRecord event : todays) {
      count(event);
      sendEvent(event);
    }
    running.producer.flush();
    await().atMost(Duration.ofSeconds(90)).until(this::allCounted);
  }

  private boolean allCounted() {
    JsonNode kpis = running.getJson("/api/v1/kpis?scope=company:all&period=today").get("kpis");
    return kpis.get("orders").asLong() == placed - cancelled && kpis.get("calls").asLong() == calls;
  }

  /** Targets a little above or below what each scope will reach by now, so some are met. */
  private void publishTargets(List<SimulatedRecord> todays) {
    Map<String, BigDecimal> revenueByRep = new TreeMap<>();
    Map<String, String> teamOfRep = new TreeMap<>();
    for (SimulatedRecord rep :
        new EventGenerator(SalesFloor.generate(REPS, 7L), ZoneOffset.UTC, 7L).roster()) {
      teamOfRep.put(rep.key(), running.parse(rep.json()).get("teamId").asText());
    }
    long orders = 0;
    long activityCalls = 0;
    long meetings = 0;
    for (SimulatedRecord event : todays) {
      JsonNode json = running.parse(event.json());
      String type = json.get("type").asText();
      if (type.equals("ORDER_PLACED")) {
        revenueByRep.merge(
            json.get("repId").asText(), json.get("amount").decimalValue(), BigDecimal::add);
        orders++;
      } else if (type.equals("CALL")) {
        activityCalls++;
      } else if (type.equals("MEETING")) {
        meetings++;
      }
    }
    Map<String, BigDecimal> revenueByTeam = new TreeMap<>();
    BigDecimal total = BigDecimal.ZERO;
    int i = 0;
    for (Map.Entry<String, BigDecimal> rep : revenueByRep.entrySet()) {
      // Every third rep has already met a target set at 85 % of the day's gross; the others not.
      String factor = i++ % 3 == 0 ? "0.85" : "1.4";
      target("REP", rep.getKey(), "REVENUE", round(rep.getValue(), factor));
      revenueByTeam.merge(teamOfRep.get(rep.getKey()), rep.getValue(), BigDecimal::add);
      total = total.add(rep.getValue());
    }
    int t = 0;
    for (Map.Entry<String, BigDecimal> team : revenueByTeam.entrySet()) {
      target(
          "TEAM", team.getKey(), "REVENUE", round(team.getValue(), t++ % 2 == 0 ? "0.9" : "1.3"));
    }
    target("COMPANY", "all", "REVENUE", round(total, "1.35"));
    target("COMPANY", "all", "ORDERS", round(BigDecimal.valueOf(orders), "1.2"));
    target("COMPANY", "all", "CALLS", round(BigDecimal.valueOf(activityCalls), "1.1"));
    target("COMPANY", "all", "MEETINGS", round(BigDecimal.valueOf(meetings), "0.9"));
    running.producer.flush();
  }

  private static String round(BigDecimal value, String factor) {
    return value
        .multiply(new BigDecimal(factor))
        .setScale(0, RoundingMode.UP)
        .max(BigDecimal.ONE)
        .toPlainString();
  }

  private void target(String scope, String id, String metric, String value) {
    send(
        running.topics.targets().name(),
        scope + ":" + id + ":DAY:" + metric,
        "{\"scope\":\"%s\",\"scopeId\":\"%s\",\"period\":\"DAY\",\"metric\":\"%s\",\"value\":%s}"
            .formatted(scope, id, metric, value));
  }

  private void count(SimulatedRecord event) {
    String type = running.parse(event.json()).get("type").asText();
    switch (type) {
      case "ORDER_PLACED" -> placed++;
      case "ORDER_CANCELLED" -> cancelled++;
      case "CALL" -> calls++;
      default -> {}
    }
  }

  private void sendEvent(SimulatedRecord event) {
    String topic =
        event.topicKind().equals(SimulatedRecord.ORDERS)
            ? running.topics.orders().name()
            : running.topics.activities().name();
    send(topic, event.key(), event.json());
  }

  private void send(String topic, String key, String json) {
    running.producer.send(new ProducerRecord<>(topic, key, json));
  }

  /** The events in their order, their times mapped linearly onto [from, to]. */
  private List<SimulatedRecord> squeeze(List<SimulatedRecord> events, Instant from, Instant to) {
    Instant first = events.get(0).occurredAt();
    Instant last = events.get(events.size() - 1).occurredAt();
    double scale =
        (double) Duration.between(from, to).toMillis()
            / Math.max(1, Duration.between(first, last).toMillis());
    List<SimulatedRecord> squeezed = new ArrayList<>(events.size());
    for (SimulatedRecord event : events) {
      long offset = Duration.between(first, event.occurredAt()).toMillis();
      Instant at = from.plusMillis(Math.round(offset * scale)).truncatedTo(ChronoUnit.MILLIS);
      ObjectNode json = (ObjectNode) running.parse(event.json());
      json.put("occurredAt", at.toString());
      squeezed.add(new SimulatedRecord(event.topicKind(), event.key(), Json.write(json), at));
    }
    return squeezed;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
