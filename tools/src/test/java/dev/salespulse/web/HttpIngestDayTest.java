package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.tools.simulate.EventGenerator;
import dev.salespulse.tools.simulate.SalesFloor;
import dev.salespulse.tools.simulate.SimulatedRecord;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One simulated business day (and some of the day before, for corrections of earlier orders) sent
 * to one SalesPulse through Kafka and to another through {@code PUT /api/v1/reps} and {@code POST
 * /api/v1/events}: every KPI of every scope, today and yesterday, is the same in both, and the
 * company's revenue is the independent reference's.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpIngestDayTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  private static final Clock CLOCK =
      Clock.fixed(DAY.plusDays(1).atStartOfDay(ZONE).toInstant().minusMillis(1), ZONE);
  private static final String TOKEN = "day-ingest-token";
  private static final int REPS = 10;
  private static final long SEED = 7L;
  private static final int BATCH = 1_000;
  private static final Duration BOUND = Duration.ofSeconds(90);

  private final DayReference expected = new DayReference(ZONE);
  private RunningApp viaKafka;
  private RunningApp viaHttp;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    Map<String, String> settings =
        Map.of("SALESPULSE_TIMEZONE", ZONE.getId(), "SALESPULSE_INGEST_TOKEN", TOKEN);
    viaKafka = RunningApp.start(Files.createDirectory(dir.resolve("kafka")), CLOCK, settings);
    viaHttp = RunningApp.start(Files.createDirectory(dir.resolve("http")), CLOCK, settings);
    viaKafka.awaitReady();
    viaHttp.awaitReady();

    EventGenerator generator = new EventGenerator(SalesFloor.generate(REPS, SEED), ZONE, SEED);
    List<SimulatedRecord> roster = generator.roster();
    roster.forEach(entry -> expected.roster(entry.json()));
    roster.forEach(entry -> send(viaKafka, viaKafka.topics.reps().name(), entry));
    viaKafka.producer.flush();
    HttpResponse<String> reps =
        viaHttp.send(
            "PUT",
            "/api/v1/reps",
            "application/json",
            bytes(
                roster.stream()
                    .map(SimulatedRecord::json)
                    .collect(Collectors.joining(",", "[", "]"))),
            TOKEN);
    assertThat(reps.statusCode()).isEqualTo(200);
    assertThat(viaHttp.parse(reps.body()).get("accepted").asInt()).isEqualTo(REPS);
    awaitRoster(viaKafka, roster);
    awaitRoster(viaHttp, roster);

    List<SimulatedRecord> events = new ArrayList<>(generator.day(DAY.minusDays(1), 300));
    events.addAll(generator.day(DAY, 4_000));
    for (SimulatedRecord event : events) {
      if (event.topicKind().equals(SimulatedRecord.ORDERS)) {
        expected.order(event.json());
        send(viaKafka, viaKafka.topics.orders().name(), event);
      } else {
        expected.activity(event.json());
        send(viaKafka, viaKafka.topics.activities().name(), event);
      }
    }
    viaKafka.producer.flush();
    for (int from = 0; from < events.size(); from += BATCH) {
      String body =
          events.subList(from, Math.min(events.size(), from + BATCH)).stream()
              .map(SimulatedRecord::json)
              .collect(Collectors.joining("\n"));
      HttpResponse<String> response =
          viaHttp.send("POST", "/api/v1/events", "application/x-ndjson", bytes(body), TOKEN);
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode answer = viaHttp.parse(response.body());
      assertThat(answer.get("rejected").asInt()).as(answer.toString()).isZero();
    }
  }

  @AfterAll
  void stop() {
    if (viaHttp != null) {
      viaHttp.close();
    }
    if (viaKafka != null) {
      viaKafka.close();
    }
  }

  @Test
  void everyKpiOfEveryScopeIsTheSameOverHttpAsOverKafka() {
    Object revenue = expected.kpis(DayReference.COMPANY, DAY).get("revenue");
    for (RunningApp app : List.of(viaKafka, viaHttp)) {
      await()
          .atMost(BOUND)
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(
                          app.getJson("/api/v1/kpis?scope=company:all&period=today")
                              .get("kpis")
                              .get("revenue")
                              .decimalValue())
                      .isEqualByComparingTo((BigDecimal) revenue));
    }
    assertThat(expected.scopes()).hasSizeGreaterThan(20);
    await()
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(differences()).isEmpty());
  }

  /** Every (scope, period) whose KPIs differ between the two, one line each. */
  private List<String> differences() {
    List<String> differences = new ArrayList<>();
    for (String period : List.of("today", "yesterday")) {
      for (String scope : expected.scopes()) {
        String query = "/api/v1/kpis?scope=" + scope + "&period=" + period;
        JsonNode kafka = viaKafka.getJson(query).get("kpis");
        JsonNode http = viaHttp.getJson(query).get("kpis");
        if (!kafka.equals(http)) {
          differences.add(scope + " " + period + ": kafka " + kafka + ", http " + http);
        }
      }
    }
    return differences;
  }

  private static void awaitRoster(RunningApp app, List<SimulatedRecord> roster) {
    for (SimulatedRecord entry : roster) {
      String name = app.parse(entry.json()).get("name").asText();
      await()
          .atMost(BOUND)
          .until(
              () ->
                  name.equals(
                      app.getJson("/api/v1/kpis?scope=rep:" + entry.key() + "&period=today")
                          .get("name")
                          .asText()));
    }
  }

  private static void send(RunningApp app, String topic, SimulatedRecord record) {
    app.producer.send(new ProducerRecord<>(topic, record.key(), record.json()));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
