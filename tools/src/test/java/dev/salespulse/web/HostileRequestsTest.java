package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a careless or hostile client can send to a real SalesPulse: malformed, oversized and
 * contradictory parameters on every read route (the cluster's partial-sum routes too, which any
 * viewer can reach), encoded and odd paths, and a flood of WebSocket subscriptions. Every answer
 * must be a 4xx (JSON with its reason on the API's routes) or a 200, never a 5xx, and must arrive
 * within {@link #BOUND}: the client waits no longer. {@code LiveFeedSubscribeFloodTest} checks what
 * one flooding client is sent; here many clients flood at once and the read API must still answer.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRequestsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T15:00:00Z"), ZoneOffset.UTC);

  /** Generous: the longest any one answer may take. */
  private static final Duration BOUND = Duration.ofSeconds(30);

  private static final String COST_LIMIT = "1000";
  private static final String LONG = "x".repeat(10_000);

  private static final List<String> VALUES =
      List.of(
          "",
          " ",
          "-1",
          "0",
          "501",
          "2147483648",
          "99999999999999999999999",
          "1e3",
          "0x1f",
          "NaN",
          "abc",
          "null",
          "[]",
          "{\"a\":1}",
          "\u0000",
          "%00",
          "%252e%252e",
          "../../etc/passwd",
          LONG,
          "rep:" + LONG,
          "team:" + "y".repeat(257),
          "company:all\u0000",
          "company:other",
          "rep:",
          ":",
          "team:名前",
          "rep:\uD83D\uDE00",
          "rep:\u202Eevil",
          "rep:a|b",
          "custom",
          "2026-11-26",
          "2026-02-30",
          "9999-12-31",
          "0000-01-01",
          "+999999999-12-31",
          "2026-11-26T14:00:00Z",
          "2026-11-26T14:00:30Z",
          "2026-11-26T14:00:00+18:00",
          "-999999999-01-01T00:00:00Z",
          "+1000000000-12-31T23:59:00Z",
          "2026-11-26,2026-11-27,",
          "2026-11-26,".repeat(1_000));

  /** Custom periods: reversed, empty, years apart, at the ends of time, mixed forms. */
  private static final List<List<String>> PERIODS =
      List.of(
          List.of("2026-11-27", "2026-11-20"),
          List.of("2026-11-26", "2026-11-26"),
          List.of("2000-01-01", "2026-11-27"),
          List.of("1970-01-01", "9999-12-31"),
          List.of("2026-11-20", "2027-12-01"),
          List.of("2026-11-26T14:00:00Z", "2026-11-26T13:00:00Z"),
          List.of("2026-11-26T14:00:00Z", "2036-11-26T14:00:00Z"),
          List.of("2016-11-26T14:00:00Z", "2016-11-26T15:00:00Z"),
          List.of("+99999-12-31T00:00:00Z", "+99999-12-31T01:00:00Z"),
          List.of("+999999999-12-31T22:00:00Z", "+999999999-12-31T23:00:00Z"),
          List.of("+1000000000-12-31T22:00:00Z", "+1000000000-12-31T23:59:00Z"),
          List.of("-1000000000-01-01T00:00:00Z", "-1000000000-01-01T01:00:00Z"),
          List.of("2026-11-26", "2026-11-26T16:00:00Z"),
          List.of("2026-11-25T15:00:00Z", "2026-11-26T15:00:00Z"),
          List.of("2026-10-23", "2026-11-27"),
          List.of("2025-10-23", "2026-11-27"));

  private static final Map<String, Map<String, String>> ROUTES = routes();

  private static final List<String> PATHS =
      List.of(
          "/api/v1/%2e%2e/kpis?scope=company:all",
          "/api/v1/%2E%2E/%2E%2E/pom.xml",
          "/api/v1/kpis%00?scope=company:all",
          "/api/v1/%252e%252e/kpis",
          "/%2e%2e/%2e%2e/etc/passwd",
          "/api/v1/kpis/..;/scopes?dimension=rep",
          "/api/v1//kpis?scope=company:all",
          "/api/v1/kpis%2F?scope=company:all",
          "/api/v1/kpis%2f..%2f..%2fhealth",
          "/internal/v1/partials/%2e%2e/sum",
          "/internal/v1/partials/sum%00",
          "/api/v1/webhooks/%00",
          "/api/v1/webhooks/..%2f..%2fhealth",
          "/ws/live%00",
          "/webjars/..%2f..%2fetc%2fpasswd",
          "/%ff%fe%fd",
          "/api/v1/kp%C3%AFs",
          "/api/v1/%F0%9F%98%80",
          "/api/v1/" + LONG,
          "/api/v1/kpis?scope=" + "z".repeat(20_000),
          "/api/v1/kpis?" + "scope=company:all&".repeat(500),
          "/api/v1/kpis?scope=company:all&scope=team:x&period=today&period=qtd",
          "/api/v1/kpis?scope=company%3Aall&period=%74oday",
          "/api/v1/kpis?scope=company:all&period=today&%00=1",
          "/api/v1/kpis?scope=%E0%A4&period=today");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(BOUND).build();
  private RunningApp running;
  private int asked;

  @BeforeAll
  void start(@TempDir Path dir) {
    running = RunningApp.start(dir, CLOCK, Map.of("SALESPULSE_QUERY_COST_LIMIT", COST_LIMIT));
    String ada =
        "{\"repId\":\"rep-ada\",\"name\":\"Ada Park\",\"teamId\":\"team-north\","
            + "\"region\":\"EMEA\",\"active\":true}";
    running.producer.send(new ProducerRecord<>(running.topics.reps().name(), "rep-ada", ada));
    String order =
        "{\"eventId\":\"e-h1\",\"type\":\"ORDER_PLACED\",\"orderId\":\"h1\","
            + "\"occurredAt\":\"2026-11-26T10:00:00Z\",\"repId\":\"rep-ada\","
            + "\"customerId\":\"c-1\",\"currency\":\"USD\",\"amount\":125.50}";
    running.producer.send(new ProducerRecord<>(running.topics.orders().name(), "h1", order));
    running.producer.flush();
    running.awaitReady();
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () ->
                running
                        .getJson("/api/v1/kpis?scope=company:all&period=today")
                        .get("kpis")
                        .get("orders")
                        .asLong()
                    == 1);
  }

  @AfterAll
  void stop() {
    running.close();
  }

  @Test
  void answersEveryMalformedParameterOfEveryReadRouteWithA4xxOrA200() {
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> route : ROUTES.entrySet()) {
      List<String> names = new ArrayList<>(route.getValue().keySet());
      for (String extra : List.of("format", "from", "to", "days", "token")) {
        if (!names.contains(extra)) {
          names.add(extra);
        }
      }
      for (String name : names) {
        for (String value : VALUES) {
          Map<String, String> params = new LinkedHashMap<>(route.getValue());
          params.put(name, value);
          check(route.getKey() + "?" + query(params), wrong);
        }
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(asked).isGreaterThan(3_000);
  }

  @Test
  void answersEveryOddCustomPeriodOnEveryRouteThatTakesOneWithA4xxOrA200() {
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> route : ROUTES.entrySet()) {
      if (!route.getValue().containsKey("period")) {
        continue;
      }
      for (List<String> period : PERIODS) {
        for (String step : List.of("1m", "15m", "1h", "1d")) {
          Map<String, String> params = new LinkedHashMap<>(route.getValue());
          params.put("period", "custom");
          params.put("from", period.get(0));
          params.put("to", period.get(1));
          params.put("metric", "grossRevenue");
          params.put("step", step);
          check(route.getKey() + "?" + query(params), wrong);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void answersEncodedAndOversizedPathsWithA4xxOrA200() {
    List<String> wrong = new ArrayList<>();
    for (String path : PATHS) {
      check(path, wrong);
    }
    HttpResponse<String> hugeHeader =
        send(
            HttpRequest.newBuilder(running.uri("/api/v1/scopes?dimension=rep"))
                .header("X-Filler", "h".repeat(20_000))
                .timeout(BOUND)
                .build());
    assertThat(hugeHeader.statusCode()).isEqualTo(431);
    assertThat(wrong).isEmpty();
  }

  /** A route asked with a method it does not take: 405, the methods it takes, the reason. */
  @Test
  void answersAWrongMethodWith405AndTheMethodsTheRouteTakes() {
    HttpResponse<String> delete =
        send(
            HttpRequest.newBuilder(running.uri("/api/v1/kpis?scope=company:all"))
                .DELETE()
                .timeout(BOUND)
                .build());
    assertThat(delete.statusCode()).isEqualTo(405);
    assertThat(delete.headers().firstValue("Allow"))
        .hasValueSatisfying(allow -> assertThat(allow).contains("GET").doesNotContain("DELETE"));
    JsonNode error = running.parse(delete.body());
    assertThat(error.get("error").asText()).isEqualTo("method-not-allowed");
    assertThat(error.get("detail").asText()).startsWith("DELETE is not allowed on /api/v1/kpis");

    HttpResponse<String> getEvents = get("/api/v1/events");
    assertThat(getEvents.statusCode()).isEqualTo(405);
    assertThat(getEvents.headers().firstValue("Allow")).hasValue("POST");

    assertThat(get("/api/v1/nothing-here").statusCode()).isEqualTo(404);
  }

  /** 31 days in days cost 961, 32 days 1,024: above the limit of 1,000 this app runs with. */
  @Test
  void refusesAQueryAboveTheCostLimitWithItsCostTheLimitAndWhatToChange() {
    HttpResponse<String> under =
        get(
            "/api/v1/timeseries?scope=company:all&metric=revenue&period=custom"
                + "&from=2026-10-27&to=2026-11-27&step=1d");
    assertThat(under.statusCode()).as(under.body()).isEqualTo(200);
    assertThat(running.parse(under.body()).get("points").size()).isEqualTo(31);

    HttpResponse<String> over =
        get(
            "/api/v1/timeseries?scope=company:all&metric=revenue&period=custom"
                + "&from=2026-10-26&to=2026-11-27&step=1d");
    assertThat(over.statusCode()).isEqualTo(400);
    JsonNode error = running.parse(over.body());
    assertThat(error.get("error").asText()).isEqualTo("query-too-costly");
    assertThat(error.get("detail").asText())
        .isEqualTo(
            "this query costs 1024 (32 days × 1 scope × 32 points), above the limit of 1000"
                + " (SALESPULSE_QUERY_COST_LIMIT); ask for a shorter period or a longer step");
  }

  /**
   * Many clients at once subscribe again and again, with subscriptions that are wrong, huge or
   * valid; meanwhile the read API answers, and afterwards the service is still ready.
   */
  @Test
  void keepsAnsweringReadsThroughAFloodOfWebSocketSubscriptions() {
    List<LiveSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        try {
          sockets.add(LiveSocket.open(running));
        } catch (RuntimeException refused) {
          // A limit on sessions refuses the upgrade: an answer too.
        }
      }
      String manyScopes =
          IntStream.range(0, 5_000)
              .mapToObj(i -> "\"rep:r-" + i + "\"")
              .collect(Collectors.joining(","));
      List<String> messages =
          List.of(
              "{\"subscribe\":[\"company:all\",\"team:team-north\"],\"period\":\"today\"}",
              "{\"subscribe\":[\"rep:" + LONG + "\"],\"period\":\"today\"}",
              "{\"subscribe\":[" + manyScopes + "],\"period\":\"today\"}",
              "{\"subscribe\":[\"company:all\"],\"period\":\"forever\"}",
              "{\"subscribe\":\"company:all\"}",
              "{\"subscribe\":[]}",
              "not json at all",
              "{\"subscribe\":[\"company:all\"],\"period\":\"custom\",\"from\":\"2000-01-01\"}",
              "{\"subscribe\":[\"rep:\\u0000\"],\"period\":\"qtd\"}");
      for (int round = 0; round < 20; round++) {
        for (LiveSocket socket : sockets) {
          for (String message : messages) {
            socket.sendWithoutWaiting(message);
          }
        }
        HttpResponse<String> kpis = get("/api/v1/kpis?scope=company:all&period=today");
        assertThat(kpis.statusCode()).as(kpis.body()).isEqualTo(200);
      }
      assertThat(get("/health/ready").statusCode()).isEqualTo(200);
      assertThat(
              running
                  .parse(get("/api/v1/kpis?scope=company:all&period=today").body())
                  .get("kpis")
                  .get("orders")
                  .asLong())
          .isEqualTo(1);
    } finally {
      sockets.forEach(LiveSocket::close);
    }
  }

  private void check(String pathAndQuery, List<String> wrong) {
    HttpResponse<String> response;
    try {
      response = get(pathAndQuery);
    } catch (IllegalStateException e) {
      wrong.add(shorten(pathAndQuery) + " → no answer: " + e.getCause());
      return;
    }
    int status = response.statusCode();
    if (status != 200 && (status < 400 || status > 499)) {
      wrong.add(shorten(pathAndQuery) + " → " + status + " " + shorten(response.body()));
    } else if (status != 200 && isApi(pathAndQuery) && !hasReason(response.body())) {
      wrong.add(shorten(pathAndQuery) + " → " + status + " without a JSON reason");
    }
  }

  private static boolean isApi(String pathAndQuery) {
    return pathAndQuery.startsWith("/api/v1/kpis?")
        || pathAndQuery.startsWith("/api/v1/leaderboard?")
        || pathAndQuery.startsWith("/api/v1/timeseries?")
        || pathAndQuery.startsWith("/api/v1/table?")
        || pathAndQuery.startsWith("/api/v1/scopes?")
        || pathAndQuery.startsWith("/api/v1/feed?")
        || pathAndQuery.startsWith("/internal/v1/partials/");
  }

  private boolean hasReason(String body) {
    try {
      JsonNode json = running.parse(body);
      return json.hasNonNull("error") && json.hasNonNull("detail");
    } catch (IllegalStateException e) {
      return false;
    }
  }

  private HttpResponse<String> get(String pathAndQuery) {
    asked++;
    return send(HttpRequest.newBuilder(running.uri(pathAndQuery)).timeout(BOUND).GET().build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new IllegalStateException("no answer within " + BOUND, e);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String query(Map<String, String> params) {
    return params.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static String shorten(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }

  /** Every read route with parameters that are valid, each of which the tests spoil in turn. */
  private static Map<String, Map<String, String>> routes() {
    Map<String, Map<String, String>> routes = new LinkedHashMap<>();
    routes.put("/api/v1/kpis", Map.of("scope", "company:all", "period", "today"));
    routes.put(
        "/api/v1/leaderboard",
        Map.of("dimension", "rep", "metric", "revenue", "period", "today", "limit", "10"));
    routes.put(
        "/api/v1/timeseries",
        Map.of("scope", "company:all", "metric", "revenue", "period", "today", "step", "15m"));
    routes.put(
        "/api/v1/table", Map.of("dimension", "rep", "scope", "company:all", "period", "today"));
    routes.put("/api/v1/scopes", Map.of("dimension", "rep"));
    routes.put("/api/v1/feed", Map.of("limit", "50"));
    Map<String, String> range =
        Map.of(
            "scope", "company:all",
            "period", "today",
            "from", "2026-11-26T00:00:00Z",
            "to", "2026-11-27T00:00:00Z",
            "days", "2026-11-26");
    for (String kind : List.of("sum", "sumAll", "customers", "sumPerDay", "customersAll")) {
      routes.put("/internal/v1/partials/" + kind, range);
    }
    Map<String, String> window =
        Map.of(
            "scope", "company:all", "from", "2026-11-26T00:00:00Z", "to", "2026-11-27T00:00:00Z");
    for (String kind : List.of("minutes", "profileGross", "profile")) {
      routes.put("/internal/v1/partials/" + kind, window);
    }
    return routes;
  }
}
