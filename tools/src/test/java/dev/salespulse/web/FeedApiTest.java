package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
 * {@code GET /api/v1/feed} on a running SalesPulse: a large order shows up with its rep and amount,
 * a small one does not, a team reaching its target of the day shows up as a milestone, and a bad
 * {@code limit} is a 400 with a JSON error.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedApiTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T15:00:00Z"), ZoneOffset.UTC);

  private RunningApp running;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    running = RunningApp.start(dataDir, CLOCK, Map.of("SALESPULSE_FEED_LARGE_DEAL", "2500"));
    running.awaitReady();
  }

  @AfterAll
  void stop() {
    running.close();
  }

  @Test
  void showsALargeOrderAndNotASmallOne() {
    order("o-small", "rep-ben", "team-north", "2499.99");
    order("o-large", "rep-ada", "team-north", "2500.00");
    running.producer.flush();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(orderIds(feed("/api/v1/feed"))).contains("o-large"));
    // Both orders were counted by now, so the small one had every chance to appear.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                running
                        .getJson("/api/v1/kpis?scope=team:team-north&period=today")
                        .get("kpis")
                        .get("orders")
                        .asLong()
                    >= 2);
    JsonNode answer = feed("/api/v1/feed");
    assertThat(orderIds(answer)).doesNotContain("o-small");
    assertThat(answer.get("currency").asText()).isEqualTo("USD");
    assertThat(answer.get("largeDeal").decimalValue()).isEqualByComparingTo("2500");
    JsonNode deal = item(answer, "deal:o-large");
    assertThat(deal.get("kind").asText()).isEqualTo("deal");
    assertThat(deal.get("scope").asText()).isEqualTo("rep:rep-ada");
    assertThat(deal.get("team").asText()).isEqualTo("team:team-north");
    assertThat(deal.get("value").decimalValue().toPlainString()).isEqualTo("2500.00");
    assertThat(deal.get("at").asText()).isEqualTo("2026-11-26T14:03:22Z");
  }

  @Test
  void showsATeamReachingItsTargetOfTheDayOnce() {
    running.producer.send(
        new ProducerRecord<>(
            running.topics.targets().name(),
            "TEAM:team-goal:DAY:REVENUE",
            "{\"scope\":\"TEAM\",\"scopeId\":\"team-goal\",\"period\":\"DAY\","
                + "\"metric\":\"REVENUE\",\"value\":1000}"));
    running.producer.flush();
    order("o-goal-1", "rep-cho", "team-goal", "600.00");
    running.producer.flush();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                running
                        .getJson("/api/v1/kpis?scope=team:team-goal&period=today")
                        .get("kpis")
                        .get("orders")
                        .asLong()
                    == 1);
    assertThat(ids(feed("/api/v1/feed"))).doesNotContain(milestoneId());

    order("o-goal-2", "rep-cho", "team-goal", "400.00");
    order("o-goal-3", "rep-cho", "team-goal", "10.00");
    running.producer.flush();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(ids(feed("/api/v1/feed"))).contains(milestoneId()));
    JsonNode milestone = item(feed("/api/v1/feed"), milestoneId());
    assertThat(milestone.get("kind").asText()).isEqualTo("milestone");
    assertThat(milestone.get("name").asText()).isEqualTo("Goal");
    assertThat(milestone.get("target").decimalValue()).isEqualByComparingTo("1000");
    assertThat(milestone.get("attainment").decimalValue())
        .isGreaterThanOrEqualTo(java.math.BigDecimal.ONE);
    assertThat(ids(feed("/api/v1/feed")).stream().filter(milestoneId()::equals)).hasSize(1);
  }

  private static String milestoneId() {
    return "milestone:team:team-goal:revenue:2026-11-26T00:00:00Z";
  }

  @Test
  void limitsTheAnswerAndRefusesABadLimitWithAJsonError() {
    for (String bad : List.of("0", "-1", "201", "ten", "1.5")) {
      HttpResponse<String> response = running.get("/api/v1/feed?limit=" + bad);
      assertThat(response.statusCode()).as("limit=%s", bad).isEqualTo(400);
      JsonNode error = running.parse(response.body());
      assertThat(error.get("error").asText()).isEqualTo("bad-request");
      assertThat(error.get("detail").asText()).contains("limit");
    }
    assertThat(running.get("/api/v1/feed?limit=200").statusCode()).isEqualTo(200);
    order("o-limit-1", "rep-ada", "team-north", "9000");
    order("o-limit-2", "rep-ada", "team-north", "9000");
    running.producer.flush();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(feed("/api/v1/feed").get("items").size()).isGreaterThan(1));
    assertThat(feed("/api/v1/feed?limit=1").get("items").size()).isEqualTo(1);
  }

  private void order(String orderId, String repId, String teamId, String amount) {
    running.producer.send(
        new ProducerRecord<>(
            running.topics.orders().name(),
            orderId,
            "{\"eventId\":\"e-%s\",\"type\":\"ORDER_PLACED\",\"orderId\":\"%s\",\"occurredAt\":\"2026-11-26T14:03:22Z\",\"repId\":\"%s\",\"teamId\":\"%s\",\"currency\":\"USD\",\"amount\":%s}"
                .formatted(orderId, orderId, repId, teamId, amount)));
  }

  private JsonNode feed(String path) {
    HttpResponse<String> response = running.get(path);
    assertThat(response.statusCode()).isEqualTo(200);
    return running.parse(response.body());
  }

  private static List<String> ids(JsonNode answer) {
    List<String> ids = new ArrayList<>();
    answer.get("items").forEach(item -> ids.add(item.get("id").asText()));
    return ids;
  }

  private static List<String> orderIds(JsonNode answer) {
    List<String> ids = new ArrayList<>();
    answer.get("items").forEach(item -> ids.add(item.path("orderId").asText()));
    return ids;
  }

  private static JsonNode item(JsonNode answer, String id) {
    for (JsonNode item : answer.get("items")) {
      if (item.get("id").asText().equals(id)) {
        return item;
      }
    }
    throw new AssertionError("no feed item " + id + " in " + answer);
  }
}
