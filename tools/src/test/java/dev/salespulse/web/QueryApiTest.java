package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read API over HTTP on a real SalesPulse: a plain producer sends a handful of orders and calls
 * on 2026-11-26 (UTC business days, the wall clock stopped at 15:00), then the leaderboard, time
 * series, scopes and KPI endpoints must answer their exact values, and bad requests a JSON 400.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryApiTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T15:00:00Z"), ZoneOffset.UTC);
  private static final List<String> ROSTER =
      List.of(
          roster("rep-ada", "Ada Park", "team-north", "EMEA"),
          roster("rep-ben", "Ben Okafor", "team-north", "EMEA"),
          roster("rep-cho", "Cho Min", "team-south", "AMER"));

  private RunningApp running;

  @BeforeAll
  void start(@TempDir Path dir) {
    running = RunningApp.start(dir, CLOCK, Map.of());
    for (String entry : ROSTER) {
      String repId = running.parse(entry).get("repId").asText();
      running.producer.send(new ProducerRecord<>(running.topics.reps().name(), repId, entry));
    }
    running.producer.flush();
    running.awaitReady();
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> running.getJson("/api/v1/scopes?dimension=rep").get("scopes").size() == 3);

    order(
        "qo-1",
        "rep-ada",
        "2026-11-26T09:15:00Z",
        "1250.50",
        ",\"channel\":\"phone\",\"lines\":[{\"sku\":\"SKU-1\",\"category\":\"hardware\","
            + "\"quantity\":2,\"unitPrice\":625.25}]");
    order("qo-2", "rep-ben", "2026-11-26T11:40:00Z", "99.99", ",\"channel\":\"web\"");
    order("qo-3", "rep-cho", "2026-11-26T11:05:00Z", "300.00", ",\"channel\":\"web\"");
    order("qo-4", "rep-ada", "2026-11-26T14:59:59Z", "0.01", "");
    order("qo-5", "rep-cho", "2026-11-25T10:00:00Z", "50.00", "");
    call("qa-1", "rep-ada", "2026-11-26T10:00:00Z", "CONNECTED");
    call("qa-2", "rep-ben", "2026-11-26T10:30:00Z", "NO_ANSWER");
    running.producer.flush();

    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () -> {
              JsonNode kpis =
                  running
                      .getJson(
                          "/api/v1/kpis?scope=company:all&period=custom"
                              + "&from=2026-11-25&to=2026-11-27")
                      .get("kpis");
              return kpis.get("orders").asLong() == 5 && kpis.get("calls").asLong() == 2;
            });
    // Scopes are counted by different tasks: the company's totals can be complete before a rep's.
    for (String dimension : new String[] {"rep", "team", "region"}) {
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(
              () ->
                  leaderboardSum(dimension, "orders") == 5
                      && leaderboardSum(dimension, "calls") == 2);
    }
  }

  private long leaderboardSum(String dimension, String metric) {
    long sum = 0;
    for (JsonNode row :
        running
            .getJson(
                "/api/v1/leaderboard?dimension="
                    + dimension
                    + "&metric="
                    + metric
                    + "&period=custom&from=2026-11-25&to=2026-11-27&limit=500")
            .get("rows")) {
      sum += row.get("value").asLong();
    }
    return sum;
  }

  @AfterAll
  void stop() {
    running.close();
  }

  @Test
  void leaderboardRanksRepsByTodaysRevenueUpToTheLimit() {
    HttpResponse<String> response =
        running.get("/api/v1/leaderboard?dimension=rep&metric=revenue&period=today&limit=2");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = running.parse(response.body());
    assertThat(answer.get("dimension").asText()).isEqualTo("rep");
    assertThat(answer.get("metric").asText()).isEqualTo("revenue");
    assertThat(answer.get("period").asText()).isEqualTo("today");
    assertThat(answer.get("timezone").asText()).isEqualTo("UTC");
    assertThat(answer.get("asOf").asText()).isEqualTo("2026-11-26T14:59:59Z");
    JsonNode rows = answer.get("rows");
    assertThat(rows).hasSize(2);
    assertRow(rows.get(0), 1, "rep:rep-ada", "Ada Park", "1250.51");
    assertRow(rows.get(1), 2, "rep:rep-cho", "Cho Min", "300.00");
  }

  @Test
  void leaderboardRanksTeamsByTheSumOfTheirReps() {
    JsonNode rows =
        running
            .getJson("/api/v1/leaderboard?dimension=team&metric=revenue&period=today")
            .get("rows");

    assertThat(rows).hasSize(2);
    assertRow(rows.get(0), 1, "team:team-north", "North", "1350.50");
    assertRow(rows.get(1), 2, "team:team-south", "South", "300.00");
  }

  @Test
  void leaderboardByARatioRanksRepsWithoutADenominatorLastWithNull() {
    HttpResponse<String> response =
        running.get("/api/v1/leaderboard?dimension=rep&metric=connectRate&period=today");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode rows = running.parse(response.body()).get("rows");
    assertThat(rows).hasSize(3);
    assertRow(rows.get(0), 1, "rep:rep-ada", "Ada Park", "1.0000");
    assertRow(rows.get(1), 2, "rep:rep-ben", "Ben Okafor", "0.0000");
    assertThat(rows.get(2).get("rank").asInt()).isEqualTo(3);
    assertThat(rows.get(2).get("scope").asText()).isEqualTo("rep:rep-cho");
    assertThat(rows.get(2).get("value").isNull()).isTrue();
  }

  @Test
  void timeseriesAnswersTwentyFourHourlyPointsOfTheUtcDay() {
    HttpResponse<String> response =
        running.get("/api/v1/timeseries?scope=company:all&metric=revenue&period=today&step=1h");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = running.parse(response.body());
    assertThat(answer.get("timezone").asText()).isEqualTo("UTC");
    JsonNode points = answer.get("points");
    assertThat(points).hasSize(24);
    List<String> times = new ArrayList<>();
    List<BigDecimal> values = new ArrayList<>();
    points.forEach(
        point -> {
          times.add(point.get("t").asText());
          values.add(point.get("value").decimalValue());
        });
    List<String> hours = new ArrayList<>();
    List<BigDecimal> expected = new ArrayList<>();
    for (int hour = 0; hour < 24; hour++) {
      hours.add(String.format("2026-11-26T%02d:00:00Z", hour));
      expected.add(new BigDecimal("0.00"));
    }
    expected.set(9, new BigDecimal("1250.50"));
    expected.set(11, new BigDecimal("399.99"));
    expected.set(14, new BigDecimal("0.01"));
    assertThat(times).isEqualTo(hours);
    assertThat(values).isEqualTo(expected);
  }

  @Test
  void scopesListTheTeamsWithTheirDisplayNames() {
    JsonNode answer = running.getJson("/api/v1/scopes?dimension=team");

    assertThat(answer.get("dimension").asText()).isEqualTo("team");
    JsonNode scopes = answer.get("scopes");
    assertThat(scopes).hasSize(2);
    assertThat(scopes.get(0).get("scope").asText()).isEqualTo("team:team-north");
    assertThat(scopes.get(0).get("name").asText()).isEqualTo("North");
    assertThat(scopes.get(1).get("scope").asText()).isEqualTo("team:team-south");
    assertThat(scopes.get(1).get("name").asText()).isEqualTo("South");
  }

  @Test
  void kpisOfACustomPeriodSumItsWholeDays() {
    JsonNode answer =
        running.getJson(
            "/api/v1/kpis?scope=company:all&period=custom&from=2026-11-25&to=2026-11-27");

    assertThat(answer.get("scope").asText()).isEqualTo("company:all");
    assertThat(answer.get("period").asText()).isEqualTo("custom");
    assertThat(answer.get("from").asText()).isEqualTo("2026-11-25T00:00:00Z");
    assertThat(answer.get("to").asText()).isEqualTo("2026-11-27T00:00:00Z");
    assertThat(answer.get("timezone").asText()).isEqualTo("UTC");
    assertThat(answer.get("asOf").asText()).isEqualTo("2026-11-26T14:59:59Z");
    JsonNode kpis = answer.get("kpis");
    assertThat(kpis.get("revenue").decimalValue()).isEqualTo(new BigDecimal("1700.50"));
    assertThat(kpis.get("grossRevenue").decimalValue()).isEqualTo(new BigDecimal("1700.50"));
    assertThat(kpis.get("orders").asLong()).isEqualTo(5);
    assertThat(kpis.get("units").asLong()).isEqualTo(2);
    assertThat(kpis.get("aov").decimalValue()).isEqualTo(new BigDecimal("340.10"));
    assertThat(kpis.get("calls").asLong()).isEqualTo(2);
    assertThat(kpis.get("connectRate").decimalValue()).isEqualTo(new BigDecimal("0.5000"));
    assertThat(kpis.get("winRate").isNull()).isTrue();
  }

  @Test
  void aMissingScopeOrDimensionIsABadRequest() {
    assertBadRequest("/api/v1/timeseries?metric=revenue&period=today&step=1h", "scope");
    assertBadRequest("/api/v1/scopes", "dimension");
  }

  @Test
  void anUnknownMetricIsABadRequest() {
    assertBadRequest("/api/v1/leaderboard?dimension=rep&metric=profit&period=today", "profit");
    assertBadRequest(
        "/api/v1/timeseries?scope=company:all&metric=profit&period=today&step=1h", "profit");
  }

  @Test
  void anUnknownStepIsABadRequest() {
    assertBadRequest(
        "/api/v1/timeseries?scope=company:all&metric=revenue&period=today&step=2m", "2m");
  }

  @Test
  void anUnknownDimensionIsABadRequest() {
    assertBadRequest("/api/v1/leaderboard?dimension=planet&metric=revenue", "planet");
    assertBadRequest("/api/v1/scopes?dimension=planet", "planet");
  }

  @Test
  void aMalformedCustomDateIsABadRequest() {
    assertBadRequest(
        "/api/v1/kpis?scope=company:all&period=custom&from=2026-13-45&to=2026-11-27", "2026-13-45");
    assertBadRequest(
        "/api/v1/kpis?scope=company:all&period=custom&from=26.11.2026&to=2026-11-27", "26.11.2026");
  }

  @Test
  void aCustomPeriodWithoutFromAndToIsABadRequest() {
    assertBadRequest("/api/v1/kpis?scope=company:all&period=custom", "from");
    assertBadRequest("/api/v1/kpis?scope=company:all&period=custom&from=2026-11-25", "to");
  }

  @Test
  void fromAndToWithAnotherPeriodAreABadRequest() {
    assertBadRequest(
        "/api/v1/kpis?scope=company:all&period=today&from=2026-11-25&to=2026-11-27", "custom");
  }

  @Test
  void aLimitThatIsNotAWholeNumberFromOneToFiveHundredIsABadRequest() {
    assertBadRequest("/api/v1/leaderboard?dimension=rep&metric=revenue&limit=abc", "limit");
    assertBadRequest("/api/v1/leaderboard?dimension=rep&metric=revenue&limit=0", "limit");
    assertBadRequest("/api/v1/leaderboard?dimension=rep&metric=revenue&limit=501", "limit");
  }

  @Test
  void aTenThousandCharacterScopeIsABadRequestNotAServerError() {
    String scope = "team:" + "x".repeat(10_000 - "team:".length());

    assertBadRequest("/api/v1/kpis?scope=" + scope + "&period=today", "scope");
    assertBadRequest(
        "/api/v1/timeseries?scope=" + scope + "&metric=revenue&period=today&step=1h", "scope");
  }

  @Test
  void everyNamedPeriodAnswersWithEveryKpi() {
    for (String period : List.of("today", "yesterday", "wtd", "mtd", "qtd", "last15m", "last60m")) {
      HttpResponse<String> response =
          running.get("/api/v1/kpis?scope=company:all&period=" + period);

      assertThat(response.statusCode()).as("status of period %s", period).isEqualTo(200);
      assertThat(running.parse(response.body()).get("kpis").has("repeatRate")).isTrue();
    }
  }

  @Test
  void aRequestLineLongerThanTheServerTakesGetsAJsonErrorNotAnHtmlPage() {
    HttpResponse<String> response =
        running.get("/api/v1/kpis?scope=team:" + "x".repeat(40_000) + "&period=today");

    assertThat(response.statusCode()).isBetween(400, 499);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(running.parse(response.body()).get("error").asText()).startsWith("http-4");
  }

  private void assertBadRequest(String pathAndQuery, String detailMentions) {
    HttpResponse<String> response = running.get(pathAndQuery);

    assertThat(response.statusCode()).as("status of %s", abbreviated(pathAndQuery)).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    JsonNode error = running.parse(response.body());
    assertThat(error.properties()).extracting(Map.Entry::getKey).containsExactly("error", "detail");
    assertThat(error.get("error").asText()).isEqualTo("bad-request");
    assertThat(error.get("detail").asText()).contains(detailMentions);
  }

  private static String abbreviated(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120) + "…";
  }

  private static void assertRow(JsonNode row, int rank, String scope, String name, String value) {
    assertThat(row.get("rank").asInt()).isEqualTo(rank);
    assertThat(row.get("scope").asText()).isEqualTo(scope);
    assertThat(row.get("name").asText()).isEqualTo(name);
    assertThat(row.get("value").decimalValue()).isEqualTo(new BigDecimal(value));
  }

  private void order(String orderId, String repId, String at, String amount, String extra) {
    String json =
        "{\"eventId\":\"e-"
            + orderId
            + "\",\"type\":\"ORDER_PLACED\",\"orderId\":\""
            + orderId
            + "\",\"occurredAt\":\""
            + at
            + "\",\"repId\":\""
            + repId
            + "\",\"customerId\":\"c-"
            + orderId
            + "\",\"currency\":\"USD\",\"amount\":"
            + amount
            + extra
            + "}";
    running.producer.send(new ProducerRecord<>(running.topics.orders().name(), orderId, json));
  }

  private void call(String eventId, String repId, String at, String outcome) {
    String json =
        "{\"eventId\":\""
            + eventId
            + "\",\"type\":\"CALL\",\"occurredAt\":\""
            + at
            + "\",\"repId\":\""
            + repId
            + "\",\"outcome\":\""
            + outcome
            + "\",\"durationSeconds\":120}";
    running.producer.send(new ProducerRecord<>(running.topics.activities().name(), repId, json));
  }

  private static String roster(String repId, String name, String teamId, String region) {
    return "{\"repId\":\""
        + repId
        + "\",\"name\":\""
        + name
        + "\",\"teamId\":\""
        + teamId
        + "\",\"region\":\""
        + region
        + "\",\"active\":true}";
  }
}
