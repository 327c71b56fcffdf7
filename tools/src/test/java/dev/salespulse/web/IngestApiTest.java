package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write routes over HTTP against the real broker: per-record answers, what is counted, the
 * limits, the credentials, and reference data as CSV and JSON.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestApiTest {
  private static final String VIEWER = "viewer-secret";
  private static final String INGEST = "ingest-secret";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-24T15:00:00Z"), ZoneOffset.UTC);
  private static final Duration BOUND = Duration.ofSeconds(60);

  private RunningApp running;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    running =
        RunningApp.start(
            dataDir,
            CLOCK,
            Map.of("SALESPULSE_VIEWER_TOKEN", VIEWER, "SALESPULSE_INGEST_TOKEN", INGEST));
    running.awaitReady();
  }

  @AfterAll
  void stop() {
    if (running != null) {
      running.close();
    }
  }

  @Test
  void shouldAnswerPerRecordAndCountOnlyTheGoodOnesOnceEvenWhenSentAgain() {
    String body =
        String.join(
            "\n",
            order("h-1", "ho-1", "rep-h", "125.50"),
            "{\"eventId\":\"h-2\",",
            "{\"eventId\":\"h-3\",\"type\":\"ORDER_PLACED\",\"orderId\":\"ho-3\","
                + "\"occurredAt\":\"2026-11-24T14:00:00Z\",\"currency\":\"USD\",\"amount\":10}",
            call("h-4", "rep-h"),
            "{\"eventId\":\"h-5\",\"type\":\"PHONE_CALL\",\"occurredAt\":\"2026-11-24T14:00:00Z\","
                + "\"repId\":\"rep-h\"}",
            order("h-6", "ho-6", "rep-h", "-5"),
            "",
            "{\"eventId\":\"h-7\",\"type\":\"ORDER_REFUNDED\",\"orderId\":\"ho-1\","
                + "\"occurredAt\":\"2026-11-24T14:30:00Z\",\"amount\":25.50}\r");

    HttpResponse<String> first = postEvents(body, "application/x-ndjson", INGEST);

    assertThat(first.statusCode()).isEqualTo(200);
    JsonNode answer = running.parse(first.body());
    assertThat(answer.get("accepted").asInt()).isEqualTo(3);
    assertThat(answer.get("rejected").asInt()).isEqualTo(4);
    assertThat(errors(answer))
        .isEqualTo(
            "1 null malformed-json | 2 h-3 missing-field | 4 h-5 unknown-type"
                + " | 5 h-6 negative-amount");
    assertThat(answer.get("errors").get(1).get("detail").asText()).contains("repId");
    // Orders and activities are counted by different tasks: wait for each.
    awaitKpi("rep:rep-h", "revenue", "100.00");
    awaitKpi("rep:rep-h", "calls", "1");
    assertThat(kpi("rep:rep-h", "grossRevenue")).isEqualByComparingTo("125.50");

    HttpResponse<String> again = postEvents(body, "application/x-ndjson", INGEST);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(running.parse(again.body())).isEqualTo(answer);
    // Markers keyed as the resent records are (order ho-1, rep rep-h), so counted after them.
    postEvents(
        call("h-8", "rep-h")
            + "\n{\"eventId\":\"h-9\",\"type\":\"ORDER_REFUNDED\",\"orderId\":\"ho-1\","
            + "\"occurredAt\":\"2026-11-24T14:40:00Z\",\"amount\":1.00}",
        "application/x-ndjson",
        INGEST);
    awaitKpi("rep:rep-h", "calls", "2");
    awaitKpi("rep:rep-h", "revenue", "99.00");
    assertThat(kpi("rep:rep-h", "grossRevenue")).isEqualByComparingTo("125.50");
    assertThat(running.get("/metrics").body())
        .contains(
            "salespulse_ingest_records_total{outcome=\"rejected\",reason=\"malformed-json\","
                + "source=\"http\"} 2.0");
  }

  @Test
  void shouldTakeAJsonArrayWithItsNumbersAsSent() {
    String body =
        "["
            + order("j-1", "jo-1", "rep-j", "0.10")
            + " , "
            + order("j-2", "jo-2", "rep-j", "0.20")
            + ", 42]";

    HttpResponse<String> response = postEvents(body, "application/json", INGEST);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = running.parse(response.body());
    assertThat(answer.get("accepted").asInt()).isEqualTo(2);
    assertThat(errors(answer)).isEqualTo("2 null malformed-json");
    awaitKpi("rep:rep-j", "revenue", "0.30");
  }

  @Test
  void shouldRefuseBodiesOverTheLimitsAndProduceNothingOfThem() throws Exception {
    String tooMany =
        IntStream.range(0, 10_001)
            .mapToObj(i -> call("l-" + i, "rep-limit"))
            .collect(Collectors.joining("\n"));
    HttpResponse<String> many = postEvents(tooMany, "application/x-ndjson", INGEST);
    assertThat(many.statusCode()).isEqualTo(413);
    assertThat(running.parse(many.body()).get("error").asText()).isEqualTo("payload-too-large");
    assertThat(running.parse(many.body()).get("detail").asText())
        .contains("more than 10000 events");

    byte[] huge = new byte[10 * 1024 * 1024 + 1];
    java.util.Arrays.fill(huge, (byte) '\n');
    HttpResponse<String> declared =
        running.send("POST", "/api/v1/events", "application/x-ndjson", huge, INGEST);
    assertThat(declared.statusCode()).isEqualTo(413);

    HttpResponse<String> chunked =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(running.uri("/api/v1/events"))
                    .header("Content-Type", "application/x-ndjson")
                    .header("Authorization", "Bearer " + INGEST)
                    .POST(
                        HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream(huge)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).isEqualTo(413);

    postEvents(call("l-marker", "rep-limit"), "application/x-ndjson", INGEST);
    awaitKpi("rep:rep-limit", "calls", "1");
  }

  @Test
  void shouldRefuseHugeNumbersAndManyTinyRecordsWithoutStrain() {
    String body =
        order("n-1", "no-1", "rep-n", "-1e-999999999")
            + "\n"
            + order("n-2", "no-2", "rep-n", "1e999999999");
    HttpResponse<String> numbers = postEvents(body, "application/x-ndjson", INGEST);
    assertThat(numbers.statusCode()).isEqualTo(200);
    assertThat(errors(running.parse(numbers.body())))
        .isEqualTo("0 n-1 too-many-decimals | 1 n-2 amount-too-large");

    String target =
        "[{\"scope\":\"COMPANY\",\"scopeId\":\"all\",\"period\":\"DAY\","
            + "\"metric\":\"REVENUE\",\"value\":1e999999999}]";
    HttpResponse<String> targets =
        running.send("PUT", "/api/v1/targets", "application/json", bytes(target), INGEST);
    assertThat(targets.statusCode()).isEqualTo(200);
    assertThat(errors(running.parse(targets.body()))).isEqualTo("0 null wrong-type");

    byte[] tiny = "x\n".repeat(5_000_000).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> many =
        running.send("POST", "/api/v1/events", "application/x-ndjson", tiny, INGEST);
    assertThat(many.statusCode()).isEqualTo(413);
    assertThat(running.parse(many.body()).get("detail").asText())
        .isEqualTo("the body holds more than 10000 events; at most 10000 a request, split it");
  }

  @Test
  void shouldNeedTheIngestCredential() {
    String body = call("a-1", "rep-auth");
    assertThat(postEvents(body, "application/x-ndjson", null).statusCode()).isEqualTo(401);
    assertThat(postEvents(body, "application/x-ndjson", "wrong").statusCode()).isEqualTo(401);
    HttpResponse<String> viewer = postEvents(body, "application/x-ndjson", VIEWER);
    assertThat(viewer.statusCode()).isEqualTo(403);
    assertThat(running.parse(viewer.body()).get("detail").asText()).contains("ingest token");
    for (String path : new String[] {"/api/v1/reps", "/api/v1/targets", "/api/v1/fx-rates"}) {
      assertThat(running.send("PUT", path, "application/json", "[]".getBytes(), null).statusCode())
          .as(path)
          .isEqualTo(401);
      assertThat(
              running.send("PUT", path, "application/json", "[]".getBytes(), VIEWER).statusCode())
          .as(path)
          .isEqualTo(403);
    }
    assertThat(
            running.get("/api/v1/kpis?scope=company:all&period=today&token=" + INGEST).statusCode())
        .isEqualTo(403);
    assertThat(
            running
                .send(
                    "POST",
                    "/api/v1/events?token=" + INGEST,
                    "application/x-ndjson",
                    bytes(body),
                    null)
                .statusCode())
        .as("the ingest token is taken from the Authorization header only")
        .isEqualTo(401);
  }

  @Test
  void shouldRefuseOtherBodiesWithTheReason() {
    HttpResponse<String> xml = postEvents("<event/>", "application/xml", INGEST);
    assertThat(xml.statusCode()).isEqualTo(415);
    assertThat(running.parse(xml.body()).get("error").asText()).isEqualTo("unsupported-media-type");
    HttpResponse<String> open = postEvents("[{\"eventId\":1}", "application/json", INGEST);
    assertThat(open.statusCode()).isEqualTo(400);
    assertThat(running.parse(open.body()).get("detail").asText()).contains("not closed");
  }

  @Test
  void shouldReadTheRosterAndTargetsFromCsvAndServeThemBack() {
    String reps =
        "repId,name,teamId,region,active\n"
            + "rep-c1,\"Park, Ada\",team-csv,EMEA,true\n"
            + "rep-c2,Lin Bo,team-csv,APAC,\n"
            + ",No Id,team-csv,APAC,true\n";
    HttpResponse<String> roster =
        running.send("PUT", "/api/v1/reps", "text/csv", bytes(reps), INGEST);
    assertThat(roster.statusCode()).isEqualTo(200);
    JsonNode rosterAnswer = running.parse(roster.body());
    assertThat(rosterAnswer.get("accepted").asInt()).isEqualTo(2);
    assertThat(errors(rosterAnswer)).isEqualTo("2 null missing-field");

    String targets =
        "scope,scopeId,period,metric,value\n"
            + "team,team-csv,day,revenue,5000.50\n"
            + "REP,rep-c1,DAY,CALLS,40\n"
            + "REP,rep-c1,DAY,PROFIT,10\n"
            + "TEAM,team-csv,WEEK,REVENUE,\n"
            + "REP,rep-c1,DAY,REVENUE,1200.50\n";
    HttpResponse<String> target =
        running.send("PUT", "/api/v1/targets", "text/csv", bytes(targets), INGEST);
    assertThat(target.statusCode()).isEqualTo(200);
    JsonNode targetAnswer = running.parse(target.body());
    assertThat(targetAnswer.get("accepted").asInt()).isEqualTo(3);
    assertThat(errors(targetAnswer)).isEqualTo("2 null unknown-type | 3 null missing-field");

    await()
        .atMost(BOUND)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              JsonNode rep = running.getJson(viewer("/api/v1/kpis?scope=rep:rep-c1&period=today"));
              assertThat(rep.get("name").asText()).isEqualTo("Park, Ada");
              assertThat(rep.get("targets").get("calls").get("target").decimalValue())
                  .isEqualByComparingTo("40");
              JsonNode team =
                  running.getJson(viewer("/api/v1/kpis?scope=team:team-csv&period=today"));
              assertThat(team.get("kpis").get("target").decimalValue())
                  .isEqualByComparingTo("5000.50");
            });
    JsonNode scopes = running.getJson(viewer("/api/v1/scopes?dimension=rep"));
    JsonNode c2 = null;
    for (JsonNode scope : scopes.get("scopes")) {
      if (scope.get("scope").asText().equals("rep:rep-c2")) {
        c2 = scope;
      }
    }
    assertThat(c2).isNotNull();
    assertThat(c2.get("name").asText()).isEqualTo("Lin Bo");
    assertThat(c2.get("team").asText()).isEqualTo("team:team-csv");
    assertThat(c2.get("region").asText()).isEqualTo("region:APAC");

    // And back out as CSV: the manager's rep table of the team, as its download gives it.
    await()
        .atMost(BOUND)
        .untilAsserted(
            () ->
                assertThat(
                        running
                            .get(
                                viewer(
                                    "/api/v1/table?dimension=rep&scope=team:team-csv"
                                        + "&period=today&format=csv"))
                            .body()
                            .lines())
                    .contains(
                        "scope,name,team,region,revenue,target,attainment,pace,projected,gap,"
                            + "grossRevenue,orders,units,aov,refundRate,calls,emails,meetings,"
                            + "demos,leads,connectRate,dealsWon,dealsLost,winRate")
                    .anyMatch(
                        line ->
                            line.startsWith(
                                "rep:rep-c1,\"Park, Ada\",Csv,EMEA,0.00,1200.50,0.0000,"))
                    .anyMatch(line -> line.startsWith("rep:rep-c2,Lin Bo,Csv,APAC,0.00,,")));
  }

  @Test
  void shouldTakeFxRatesAsJsonAndConvertWithThem() {
    String rates =
        "[{\"currency\":\"EUR\",\"perUnitInReporting\":1.08},"
            + "{\"currency\":\"eur\",\"perUnitInReporting\":1},"
            + "{\"currency\":\"GBP\",\"perUnitInReporting\":\"1e999\"}]";
    HttpResponse<String> response =
        running.send("PUT", "/api/v1/fx-rates", "application/json", bytes(rates), INGEST);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = running.parse(response.body());
    assertThat(answer.get("accepted").asInt()).isEqualTo(1);
    assertThat(errors(answer)).isEqualTo("1 null wrong-type | 2 null wrong-type");

    await()
        .atMost(BOUND)
        .untilAsserted(
            () -> {
              postEvents(
                  order("fx-" + System.nanoTime(), "fxo-" + System.nanoTime(), "rep-fx", "100")
                      .replace("\"USD\"", "\"EUR\""),
                  "application/x-ndjson",
                  INGEST);
              assertThat(kpi("rep:rep-fx", "revenue").remainder(new BigDecimal("108.00")))
                  .isEqualByComparingTo("0");
              assertThat(kpi("rep:rep-fx", "revenue")).isPositive();
            });
  }

  private static String order(String eventId, String orderId, String repId, String amount) {
    return "{\"eventId\":\""
        + eventId
        + "\",\"type\":\"ORDER_PLACED\",\"orderId\":\""
        + orderId
        + "\",\"occurredAt\":\"2026-11-24T14:00:00Z\",\"repId\":\""
        + repId
        + "\",\"currency\":\"USD\",\"amount\":"
        + amount
        + "}";
  }

  private static String call(String eventId, String repId) {
    return "{\"eventId\":\""
        + eventId
        + "\",\"type\":\"CALL\",\"occurredAt\":\"2026-11-24T14:10:00Z\",\"repId\":\""
        + repId
        + "\",\"outcome\":\"CONNECTED\"}";
  }

  private HttpResponse<String> postEvents(String body, String contentType, String token) {
    return running.send("POST", "/api/v1/events", contentType, bytes(body), token);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String viewer(String pathAndQuery) {
    return pathAndQuery + "&token=" + VIEWER;
  }

  /** The errors of an answer as "index eventId reason" joined by " | ". */
  private static String errors(JsonNode answer) {
    return java.util.stream.StreamSupport.stream(answer.get("errors").spliterator(), false)
        .map(
            e ->
                e.get("index").asInt()
                    + " "
                    + (e.hasNonNull("eventId") ? e.get("eventId").asText() : "null")
                    + " "
                    + e.get("reason").asText())
        .collect(Collectors.joining(" | "));
  }

  private BigDecimal kpi(String scope, String kpi) {
    return running
        .getJson(viewer("/api/v1/kpis?scope=" + scope + "&period=today"))
        .get("kpis")
        .get(kpi)
        .decimalValue();
  }

  private void awaitKpi(String scope, String kpi, String value) {
    await()
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .untilAsserted(() -> assertThat(kpi(scope, kpi)).isEqualByComparingTo(value));
  }
}
