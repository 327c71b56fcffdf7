package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.tools.simulate.EventGenerator;
import dev.salespulse.tools.simulate.SalesFloor;
import dev.salespulse.tools.simulate.SimulatedRecord;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One realistic simulated business day through the real broker: the roster, then a few hundred
 * events of the day before (so that customers come back and today's cancellations and refunds can
 * hit yesterday's orders), then {@value #EVENTS_OF_DAY} events of the day itself — every event
 * kind, cancellations, partial and full refunds, multi-line orders over several categories, four
 * channels, recurring customers — produced with a plain KafkaProducer. Every KPI of every scope
 * (company, each region, team, rep, channel and category that occurs) answered by {@code GET
 * /api/v1/kpis} must equal what {@link DayReference} computes from the same events, and so must the
 * rep leaderboard by revenue.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatedDayEndToEndTest {
  private static final ZoneId ZONE = ZoneId.of("America/New_York");

  /** A Tuesday; the day before is a Monday, so both follow the weekday rhythm. */
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  private static final LocalDate DAY_BEFORE = DAY.minusDays(1);

  /** The last millisecond of the simulated day: "today" is the whole day, every event is past. */
  private static final Clock CLOCK =
      Clock.fixed(DAY.plusDays(1).atStartOfDay(ZONE).toInstant().minusMillis(1), ZONE);

  private static final int REPS = 12;
  private static final long SEED = 42L;
  private static final int EVENTS_OF_DAY_BEFORE = 400;
  private static final int EVENTS_OF_DAY = 5_000;
  private static final Duration PROCESSING_BOUND = Duration.ofSeconds(60);
  private static final Duration CATCH_UP_BOUND = Duration.ofSeconds(20);

  private RunningApp running;
  private final DayReference expected = new DayReference(ZONE);

  @BeforeAll
  void start(@TempDir Path dataDir) {
    running = RunningApp.start(dataDir, CLOCK, Map.of("SALESPULSE_TIMEZONE", ZONE.getId()));
    EventGenerator generator = new EventGenerator(SalesFloor.generate(REPS, SEED), ZONE, SEED);
    for (SimulatedRecord entry : generator.roster()) {
      expected.roster(entry.json());
      send(running.topics.reps().name(), entry);
    }
    running.producer.flush();
    awaitRosterLoaded(generator.roster());
    produce(generator.day(DAY_BEFORE, EVENTS_OF_DAY_BEFORE));
    produce(generator.day(DAY, EVENTS_OF_DAY));
  }

  @AfterAll
  void stop() {
    if (running != null) {
      running.close();
    }
  }

  @Test
  void theSimulatedDaysExerciseEveryRule() {
    assertThat(expected.exercised())
        .containsKeys(
            "order placed",
            "order cancelled",
            "order refunded partly",
            "order refunded fully",
            "order over several categories",
            "order with two lines of one category",
            "partial refund over several categories",
            "correction of an earlier day's order",
            "activity CALL",
            "activity EMAIL",
            "activity MEETING",
            "activity DEMO",
            "activity LEAD_CREATED",
            "activity DEAL_WON",
            "activity DEAL_LOST");
    assertThat(expected.scopesOn("channel", DAY)).hasSize(4);
    assertThat(expected.scopesOn("category", DAY)).hasSize(4);
    assertThat(expected.scopesOn("rep", DAY)).hasSize(REPS);
    BigDecimal repeatRate = (BigDecimal) expected.kpis(DayReference.COMPANY, DAY).get("repeatRate");
    assertThat(repeatRate).isStrictlyBetween(BigDecimal.ZERO, BigDecimal.ONE);
  }

  @Test
  void everyKpiOfEveryScopeTodayEqualsTheReference() {
    awaitDayCounted();
    await()
        .atMost(CATCH_UP_BOUND)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(mismatches("today", DAY)).isEmpty());
  }

  /** Today's corrections of yesterday's orders count today, not yesterday. */
  @Test
  void everyKpiOfEveryScopeYesterdayEqualsTheReference() {
    awaitDayCounted();
    await()
        .atMost(CATCH_UP_BOUND)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(mismatches("yesterday", DAY_BEFORE)).isEmpty());
  }

  @Test
  void repLeaderboardByRevenueEqualsTheReference() {
    awaitDayCounted();
    List<Row> expectedRows = expectedRevenueLeaders(5);
    assertThat(expectedRows).hasSize(5);
    await()
        .atMost(CATCH_UP_BOUND)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              JsonNode answer =
                  running.getJson(
                      "/api/v1/leaderboard?dimension=rep&metric=revenue&period=today&limit=5");
              List<Row> rows = new ArrayList<>();
              for (JsonNode row : answer.get("rows")) {
                rows.add(
                    new Row(
                        row.get("rank").asInt(),
                        row.get("scope").asText(),
                        row.get("name").asText(),
                        row.get("value").decimalValue().stripTrailingZeros()));
              }
              assertThat(rows).containsExactlyElementsOf(expectedRows);
            });
  }

  /** A leaderboard row, its value without trailing zeros so that equal amounts are equal. */
  private record Row(int rank, String scope, String name, BigDecimal value) {}

  /** The contract's ranking: by value, highest first; ties share a rank and go by scope key. */
  private List<Row> expectedRevenueLeaders(int limit) {
    record Ranked(String scope, BigDecimal value) {}
    List<Ranked> ranked = new ArrayList<>();
    for (String scope : expected.scopesOn("rep", DAY)) {
      ranked.add(new Ranked(scope, (BigDecimal) expected.kpis(scope, DAY).get("revenue")));
    }
    ranked.sort(
        Comparator.comparing(Ranked::value, Comparator.reverseOrder())
            .thenComparing(Ranked::scope));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ranked.size() && rows.size() < limit; i++) {
      Ranked entry = ranked.get(i);
      boolean tie = i > 0 && ranked.get(i - 1).value().compareTo(entry.value()) == 0;
      int rank = tie ? rows.get(i - 1).rank() : i + 1;
      String repId = entry.scope().substring("rep:".length());
      rows.add(
          new Row(
              rank, entry.scope(), expected.repName(repId), entry.value().stripTrailingZeros()));
    }
    return rows;
  }

  /** Every KPI of every scope that differs from the reference, one line each. */
  private List<String> mismatches(String period, LocalDate day) {
    Set<String> scopes = expected.scopes();
    assertThat(scopes).hasSizeGreaterThan(20);
    List<String> mismatches = new ArrayList<>();
    for (String scope : scopes) {
      JsonNode kpis =
          running.getJson("/api/v1/kpis?scope=" + scope + "&period=" + period).get("kpis");
      expected
          .kpis(scope, day)
          .forEach(
              (kpi, value) -> {
                JsonNode actual = kpis.get(kpi);
                if (!matches(value, actual)) {
                  mismatches.add(
                      scope + " " + kpi + " " + period + ": expected " + value + ", was " + actual);
                }
              });
    }
    return mismatches;
  }

  private static boolean matches(Object expectedValue, JsonNode actual) {
    if (actual == null) {
      return false;
    }
    if (expectedValue == null) {
      return actual.isNull();
    }
    if (expectedValue instanceof Long count) {
      return actual.isIntegralNumber() && actual.longValue() == count;
    }
    return actual.isNumber() && actual.decimalValue().compareTo((BigDecimal) expectedValue) == 0;
  }

  /** Waits, bounded, until the company's revenue of the day is the reference's. */
  private void awaitDayCounted() {
    running.awaitReady();
    Object revenue = expected.kpis(DayReference.COMPANY, DAY).get("revenue");
    await()
        .atMost(PROCESSING_BOUND)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () ->
                assertThat(
                        running
                            .getJson("/api/v1/kpis?scope=company:all&period=today")
                            .get("kpis")
                            .get("revenue")
                            .decimalValue())
                    .isEqualByComparingTo((BigDecimal) revenue));
  }

  private void produce(List<SimulatedRecord> events) {
    for (SimulatedRecord event : events) {
      if (event.topicKind().equals(SimulatedRecord.ORDERS)) {
        expected.order(event.json());
        send(running.topics.orders().name(), event);
      } else {
        expected.activity(event.json());
        send(running.topics.activities().name(), event);
      }
    }
    running.producer.flush();
  }

  /**
   * The roster is a global store filled asynchronously; enrichment uses what it holds when an event
   * is processed. Wait until it is loaded (every rep's display name shows it) before sending
   * events.
   */
  private void awaitRosterLoaded(List<SimulatedRecord> roster) {
    running.awaitReady();
    for (SimulatedRecord entry : roster) {
      String name = running.parse(entry.json()).get("name").asText();
      await()
          .atMost(PROCESSING_BOUND)
          .until(
              () ->
                  name.equals(
                      running
                          .getJson("/api/v1/kpis?scope=rep:" + entry.key() + "&period=today")
                          .get("name")
                          .asText()));
    }
  }

  private void send(String topic, SimulatedRecord record) {
    running.producer.send(new ProducerRecord<>(topic, record.key(), record.json()));
  }
}
