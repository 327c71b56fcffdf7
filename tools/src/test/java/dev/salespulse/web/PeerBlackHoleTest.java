package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.tools.broker.EmbeddedKafkaBroker;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances with one standby replica each; the second is reached through a proxy that turns
 * into a black hole (it accepts the first one's calls and never answers, as a frozen process or a
 * dropped network would). The first instance then answers every query within its deadline ({@code
 * SALESPULSE_REQUEST_TIMEOUT}): the exact figures, marked stale, with the second one's partitions
 * read from its own standby copies, or a 503 with {@code Retry-After} and a JSON reason; never a
 * hang, never a partial number. Once the network heals it answers fresh again.
 */
@Tag("slow")
class PeerBlackHoleTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T16:00:00Z"), ZoneOffset.UTC);
  private static final Duration DEADLINE = Duration.ofSeconds(2);

  /** What the test's own HTTP client waits: past it, the service hung. */
  private static final Duration HUNG = DEADLINE.plusSeconds(3);

  private static final int ORDERS = 120;
  private static final String FRESH = "200 stale=false orders=" + ORDERS;
  private static final String COMPANY_TODAY = "/api/v1/kpis?scope=company:all&period=today";
  private static final String LEADERBOARD =
      "/api/v1/leaderboard?dimension=rep&metric=orders&period=today&limit=50";

  @Test
  void anInstanceWhosePeerIsBlackHoledAnswersFromItsStandbyCopiesWithinTheDeadline(
      @TempDir Path dir) throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0);
        BlackHoleProxy network = new BlackHoleProxy()) {
      Map<String, String> settings =
          Map.of(
              "SALESPULSE_BOOTSTRAP_SERVERS",
              broker.bootstrapServers(),
              "SALESPULSE_TOPIC_PARTITIONS",
              "4",
              "SALESPULSE_KAFKA_NUM_STANDBY_REPLICAS",
              "1",
              "SALESPULSE_REQUEST_TIMEOUT",
              "PT" + DEADLINE.toSeconds() + "S");
      Map<String, String> behindProxy = new java.util.HashMap<>(settings);
      behindProxy.put("SALESPULSE_ADVERTISED_URL", "localhost:" + network.port());
      try (RunningApp first = RunningApp.start(dir.resolve("first"), CLOCK, settings);
          RunningApp second = RunningApp.start(dir.resolve("second"), CLOCK, behindProxy)) {
        network.forwardTo(second.app.httpPort());
        RunningApp.awaitGroupOf(broker.bootstrapServers(), 2);
        first.awaitReady();
        second.awaitReady();
        first.sendOrders(ORDERS, 20, "2026-11-26T15:00:00Z");
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () ->
                    assertThat(first.kpiSummary(first.get(COMPANY_TODAY, HUNG))).isEqualTo(FRESH));

        network.blackHole();
        List<String> wrong = new ArrayList<>();
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () -> {
                  HttpResponse<String> answer = first.get(COMPANY_TODAY, HUNG);
                  check(first, answer, wrong);
                  assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                });
        HttpResponse<String> kpis = first.get(COMPANY_TODAY, HUNG);
        HttpResponse<String> leaderboard = first.get(LEADERBOARD, HUNG);
        check(first, kpis, wrong);

        assertThat(wrong).as("answers neither exact and stale nor a 503 with a reason").isEmpty();
        assertThat(kpis.statusCode()).isEqualTo(200);
        assertThat(first.parse(kpis.body()).get("stale").asBoolean()).isTrue();
        assertThat(leaderboard.statusCode()).isEqualTo(200);
        JsonNode board = first.parse(leaderboard.body());
        assertThat(board.get("stale").asBoolean()).isTrue();
        assertThat(board.get("rows")).hasSize(20);
        long total = 0;
        for (JsonNode row : board.get("rows")) {
          total += row.get("value").asLong();
        }
        assertThat(total).as("orders summed over the leaderboard's reps").isEqualTo(ORDERS);

        network.heal();
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () ->
                    assertThat(first.kpiSummary(first.get(COMPANY_TODAY, HUNG))).isEqualTo(FRESH));
      }
    }
  }

  /** Records an answer that is neither the exact figures marked stale nor a 503 with a reason. */
  private static void check(RunningApp app, HttpResponse<String> answer, List<String> wrong) {
    JsonNode body = app.parse(answer.body());
    boolean exactAndStale =
        answer.statusCode() == 200
            && body.get("stale").asBoolean()
            && body.get("kpis").get("orders").asLong() == ORDERS;
    boolean unavailable =
        answer.statusCode() == 503
            && answer.headers().firstValue("Retry-After").isPresent()
            && body.get("error").isTextual()
            && body.get("detail").isTextual();
    if (!exactAndStale && !unavailable) {
      wrong.add(answer.statusCode() + " " + answer.body());
    }
  }
}
