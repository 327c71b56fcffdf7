package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.web.cluster.ClusterPartials;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every read request has a deadline; past it the answer is a 503 with {@code Retry-After} and a
 * JSON reason, never a longer wait and never a 500. A call from another instance brings how long
 * its asker has left ({@code SalesPulse-Budget-Ms}); a budget of nothing makes the deadline pass
 * before the first day is read, which is how this test gets there without a slow query.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestDeadlineTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T15:00:00Z"), ZoneOffset.UTC);
  private static final String MONTH = "/api/v1/kpis?scope=company:all&period=mtd";
  // Not an answer shared within a tick: an answer computed for another request moments ago
  // is served without any work, whatever the deadline (the kpis of MONTH, asked by the other test).
  private static final String MONTH_BY_DAY =
      "/api/v1/timeseries?scope=company:all&metric=revenue&period=mtd&step=1d";

  private final HttpClient http = HttpClient.newHttpClient();
  private RunningApp running;

  @BeforeAll
  void start(@TempDir Path dir) {
    running = RunningApp.start(dir, CLOCK, Map.of("SALESPULSE_REQUEST_TIMEOUT", "PT10S"));
    running.awaitReady();
  }

  @AfterAll
  void stop() {
    running.close();
  }

  @Test
  void aReadRequestPastItsDeadlineAnswers503WithRetryAfterAndAReason() throws Exception {
    HttpResponse<String> answer = get(MONTH_BY_DAY, "0");

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.headers().firstValue("Retry-After")).contains("1");
    JsonNode body = running.parse(answer.body());
    assertThat(body.get("error").asText()).isEqualTo("deadline-exceeded");
    assertThat(body.get("detail").asText())
        .isEqualTo("not answered within the request deadline of 0 ms");
  }

  @Test
  void aBudgetNeverLengthensTheDeadlineAndAMalformedOneIsIgnored() throws Exception {
    assertThat(get(MONTH, "999999999").statusCode()).isEqualTo(200);
    assertThat(get(MONTH, "soon").statusCode()).isEqualTo(200);
    assertThat(running.get(MONTH).statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> get(String path, String budget) throws Exception {
    return http.send(
        HttpRequest.newBuilder(running.uri(path))
            .header(ClusterPartials.BUDGET_HEADER, budget)
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
