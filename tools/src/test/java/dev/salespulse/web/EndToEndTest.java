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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on real parts: a plain KafkaProducer sends a few hundred simulated events (and
 * some invalid ones) to the embedded KRaft broker; the REST API must answer exactly the totals the
 * test computes itself; bad records land in the dead-letter topic; health and metrics answer.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final LocalDate DAY = LocalDate.of(2026, 11, 26);
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T22:30:00Z"), ZoneOffset.UTC);
  private static final List<String> INVALID_ORDERS =
      List.of(
          "not json at all",
          "[1,2,3]",
          "{\"eventId\":\"bad-1\",\"type\":\"ORDER_PLACED\",\"orderId\":\"x-1\","
              + "\"occurredAt\":\"2026-11-26T10:00:00Z\",\"currency\":\"USD\",\"amount\":10}",
          "{\"eventId\":\"bad-2\",\"type\":\"ORDER_PLACED\",\"orderId\":\"x-2\",\"repId\":\"rep-1\","
              + "\"occurredAt\":\"2026-11-26T10:00:00Z\",\"currency\":\"USD\",\"amount\":-5}",
          "{\"eventId\":\"bad-3\",\"type\":\"ORDER_REFUNDED\",\"orderId\":\"never-placed\","
              + "\"occurredAt\":\"2026-11-26T10:00:00Z\",\"amount\":5}");
  private static final List<String> INVALID_ACTIVITIES =
      List.of(
          "{\"eventId\":\"bad-4\",\"type\":\"TELEPATHY\",\"repId\":\"rep-1\","
              + "\"occurredAt\":\"2026-11-26T10:00:00Z\"}",
          "{\"eventId\":\"bad-5\",\"type\":\"CALL\",\"repId\":\"rep-1\","
              + "\"occurredAt\":\"yesterday afternoon\"}");

  private RunningApp running;
  private final ReferenceTotals expected = new ReferenceTotals();

  @BeforeAll
  void startAndProduce(@TempDir Path dataDir) {
    running = RunningApp.start(dataDir, CLOCK, Map.of("SALESPULSE_TIMEZONE", ZONE.getId()));
    EventGenerator generator = new EventGenerator(SalesFloor.generate(12, 7L), ZONE, 7L);
    for (SimulatedRecord entry : generator.roster()) {
      expected.roster(entry.json());
      send(running.topics.reps().name(), entry);
    }
    running.producer.flush();
    awaitRosterLoaded(generator.roster().get(0));
    List<SimulatedRecord> day = generator.day(DAY, 400);
    for (SimulatedRecord event : day) {
      if (event.topicKind().equals(SimulatedRecord.ORDERS)) {
        expected.order(event.json());
        send(running.topics.orders().name(), event);
      } else {
        expected.activity(event.json());
        send(running.topics.activities().name(), event);
      }
    }
    INVALID_ORDERS.forEach(
        json ->
            running.producer.send(new ProducerRecord<>(running.topics.orders().name(), "k", json)));
    INVALID_ACTIVITIES.forEach(
        json ->
            running.producer.send(
                new ProducerRecord<>(running.topics.activities().name(), "rep-1", json)));
    running.producer.flush();
  }

  /**
   * The roster is a global store filled asynchronously; enrichment uses what it holds when an event
   * is processed. Wait until it is loaded (a rep's display name shows it) before sending events.
   */
  private void awaitRosterLoaded(SimulatedRecord rosterEntry) {
    String repId = rosterEntry.key();
    String name = running.parse(rosterEntry.json()).get("name").asText();
    running.awaitReady();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                name.equals(
                    running.getJson("/api/v1/kpis?scope=rep:" + repId).get("name").asText()));
  }

  private void send(String topic, SimulatedRecord record) {
    running.producer.send(new ProducerRecord<>(topic, record.key(), record.json()));
  }

  @AfterAll
  void stop() {
    running.close();
  }

  @Test
  void restAnswersEqualTheTotalsOfWhatWasProduced() {
    running.awaitReady();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertScope("company:all"));
    assertThat(expected.all()).hasSizeGreaterThan(5);
    for (String scope : expected.all().keySet()) {
      assertScope(scope);
    }
  }

  private void assertScope(String scope) {
    JsonNode answer = running.getJson("/api/v1/kpis?scope=" + scope + "&period=today");
    ReferenceTotals.Totals totals = expected.of(scope);
    assertThat(answer.get("scope").asText()).isEqualTo(scope);
    assertThat(answer.get("kpis").get("revenue").decimalValue())
        .as("revenue of %s", scope)
        .isEqualByComparingTo(totals.revenue());
    assertThat(answer.get("kpis").get("orders").asLong())
        .as("orders of %s", scope)
        .isEqualTo(totals.orders());
    assertThat(answer.get("kpis").get("calls").asLong())
        .as("calls of %s", scope)
        .isEqualTo(totals.calls());
  }

  @Test
  void answerCarriesTheBusinessDayAndCurrency() {
    running.awaitReady();
    JsonNode answer = running.getJson("/api/v1/kpis?scope=company:all&period=today");
    assertThat(answer.get("from").asText()).isEqualTo("2026-11-25T23:00:00Z");
    assertThat(answer.get("to").asText()).isEqualTo("2026-11-26T23:00:00Z");
    assertThat(answer.get("currency").asText()).isEqualTo("USD");
    assertThat(answer.get("name").asText()).isEqualTo("Company");
  }

  @Test
  void invalidRecordsLandInTheDeadLetterTopicWithTheirReason() {
    List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, running.app.bootstrapServers());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-check");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    int expectedCount = INVALID_ORDERS.size() + INVALID_ACTIVITIES.size();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(running.topics.deadLetter().name()));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(deadLetters::add);
                return deadLetters.size() >= expectedCount;
              });
    }
    Map<String, String> reasonByValue = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : deadLetters) {
      reasonByValue.put(
          new String(record.value(), StandardCharsets.UTF_8),
          new String(
              record.headers().lastHeader("x-error-reason").value(), StandardCharsets.UTF_8));
      assertThat(record.headers().lastHeader("x-source-topic")).isNotNull();
      assertThat(record.headers().lastHeader("x-source-offset")).isNotNull();
    }
    assertThat(deadLetters).hasSize(expectedCount);
    assertThat(reasonByValue)
        .containsEntry(INVALID_ORDERS.get(0), "malformed-json")
        .containsEntry(INVALID_ORDERS.get(1), "malformed-json")
        .containsEntry(INVALID_ORDERS.get(2), "missing-field")
        .containsEntry(INVALID_ORDERS.get(3), "negative-amount")
        .containsEntry(INVALID_ORDERS.get(4), "unknown-order")
        .containsEntry(INVALID_ACTIVITIES.get(0), "unknown-type")
        .containsEntry(INVALID_ACTIVITIES.get(1), "bad-timestamp");
  }

  @Test
  void healthTurnsReadyAndLivenessAnswers() {
    running.awaitReady();
    assertThat(running.get("/health/live").statusCode()).isEqualTo(200);
    assertThat(running.getJson("/health/ready").get("streams").asText()).isEqualTo("RUNNING");
  }

  @Test
  void metricsAnswerInPrometheusTextFormat() {
    running.awaitReady();
    running.get("/api/v1/kpis?scope=company:all&period=today");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(running.get("/metrics").body())
                    .contains("salespulse_events_rejected_total{reason=\"malformed-json\"} 2.0"));
    HttpResponse<String> metrics = running.get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
    assertThat(metrics.body())
        .contains("# TYPE salespulse_events_processed_total counter")
        .contains("salespulse_event_freshness_seconds_bucket")
        .contains("jvm_memory_used_bytes")
        .contains("kafka_stream_")
        .containsPattern("http_server_requests_seconds_count\\{[^}]*route=\"/api/v1/kpis\"");
  }

  @Test
  void metricsCarryTheExactBusinessTotalsOfCompanyAndTeams() {
    running.awaitReady();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              String metrics = running.get("/metrics").body();
              for (String scope : List.of("company:all", teamScope())) {
                BigDecimal revenue =
                    running
                        .getJson("/api/v1/kpis?scope=" + scope + "&period=today")
                        .get("kpis")
                        .get("revenue")
                        .decimalValue();
                java.util.regex.Matcher gauge =
                    java.util.regex.Pattern.compile(
                            "salespulse_revenue\\{period=\"today\",scope=\""
                                + java.util.regex.Pattern.quote(scope)
                                + "\"} (\\S+)")
                        .matcher(metrics);
                assertThat(gauge.find()).as("revenue gauge of %s", scope).isTrue();
                assertThat(Double.parseDouble(gauge.group(1))).isEqualTo(revenue.doubleValue());
                assertThat(revenue).isEqualByComparingTo(expected.of(scope).revenue());
              }
              assertThat(metrics)
                  .contains("salespulse_orders{period=\"wtd\",scope=\"company:all\"}")
                  .doesNotContain("salespulse_revenue{period=\"today\",scope=\"rep:");
            });
  }

  private String teamScope() {
    return expected.all().keySet().stream()
        .filter(s -> s.startsWith("team:"))
        .sorted()
        .findFirst()
        .orElseThrow();
  }

  @Test
  void badRequestsGetAJsonErrorNotAStackTrace() {
    running.awaitReady();
    HttpResponse<String> unknownKind = running.get("/api/v1/kpis?scope=planet:mars&period=today");
    assertThat(unknownKind.statusCode()).isEqualTo(400);
    assertThat(unknownKind.body()).contains("\"error\":\"bad-request\"").contains("planet");
    HttpResponse<String> missingScope = running.get("/api/v1/kpis?period=today");
    assertThat(missingScope.statusCode()).isEqualTo(400);
    assertThat(missingScope.body()).contains("scope");
    HttpResponse<String> badPeriod = running.get("/api/v1/kpis?scope=company:all&period=fortnight");
    assertThat(badPeriod.statusCode()).isEqualTo(400);
    assertThat(running.get("/api/v1/nothing-here").statusCode()).isEqualTo(404);
    assertThat(running.get("/api/v1/kpis?scope=company:all&period=today").body())
        .doesNotContain("Exception");
  }

  @Test
  void aScopeWithNoEventsAnswersZeros() {
    running.awaitReady();
    JsonNode answer = running.getJson("/api/v1/kpis?scope=team:nobody&period=today");
    assertThat(answer.get("kpis").get("revenue").decimalValue())
        .isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(answer.get("kpis").get("orders").asLong()).isZero();
    assertThat(answer.get("asOf").isNull()).isTrue();
  }
}
