package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /ws/live with a real WebSocket client (the JDK's) against a running SalesPulse. */
@Tag("slow")
class LiveFeedTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T15:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dataDir;
  private RunningApp running;
  private LiveSocket socket;

  @BeforeEach
  void start() {
    running = RunningApp.start(dataDir, CLOCK, Map.of("SALESPULSE_PUSH_HZ", "4"));
    running.awaitReady();
    socket = LiveSocket.open(running);
  }

  @AfterEach
  void stop() {
    socket.close();
    running.close();
  }

  @Test
  void sendsASnapshotThenAnUpdateAfterAnEventIsProduced() {
    socket.send("{\"subscribe\":[\"company:all\",\"team:unassigned\"],\"period\":\"today\"}");
    await().atMost(Duration.ofSeconds(30)).until(() -> messages("snapshot").size() == 2);
    assertThat(messages("snapshot").get(0).get("data").get("kpis").get("revenue").decimalValue())
        .isZero();

    running.producer.send(
        new ProducerRecord<>(
            running.topics.orders().name(),
            "o-1",
            "{\"eventId\":\"e-1\",\"type\":\"ORDER_PLACED\",\"orderId\":\"o-1\","
                + "\"occurredAt\":\"2026-11-26T14:03:22Z\",\"repId\":\"rep-7\","
                + "\"currency\":\"USD\",\"amount\":1250.50}"));
    running.producer.flush();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(revenueUpdates("company:all"))
                    .anySatisfy(revenue -> assertThat(revenue).isEqualTo("1250.50")));
  }

  @Test
  void answersABadSubscriptionWithAnErrorMessage() {
    socket.send("{\"subscribe\":[\"planet:mars\"]}");
    await().atMost(Duration.ofSeconds(10)).until(() -> !messages("error").isEmpty());
    assertThat(messages("error").get(0).get("detail").asText()).contains("planet");
  }

  @Test
  void closesAConnectionThatSendsAHugeMessageAndKeepsServing() {
    socket.sendWithoutWaiting("{\"subscribe\":[\"" + "x".repeat(200_000) + "\"]}");

    // The server closes with 1009 (message too big); the client sees that close, or, when the
    // close races its own send, an error on the broken connection. Either way it is gone.
    await().atMost(Duration.ofSeconds(20)).until(() -> socket.closeCode() != 0 || socket.failed());
    if (socket.closeCode() != 0) {
      assertThat(socket.closeCode()).isEqualTo(1009);
    }
    assertThat(running.get("/health/ready").statusCode()).isEqualTo(200);
  }

  private List<JsonNode> messages(String type) {
    return socket.messages(type);
  }

  /** Revenue values pushed for a scope, from single updates and coalesced ones. */
  private List<String> revenueUpdates(String scope) {
    return socket.received().stream()
        .map(LiveSocket.Message::json)
        .flatMap(
            m ->
                switch (m.get("type").asText()) {
                  case "update" -> java.util.stream.Stream.of(m);
                  case "updates" ->
                      java.util.stream.StreamSupport.stream(m.get("items").spliterator(), false);
                  default -> java.util.stream.Stream.<JsonNode>empty();
                })
        .filter(m -> m.get("scope").asText().equals(scope))
        .map(m -> m.get("data").get("kpis").get("revenue").decimalValue().toPlainString())
        .toList();
  }
}
