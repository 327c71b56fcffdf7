package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
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
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private WebSocket socket;
  private final java.util.concurrent.atomic.AtomicInteger closeCode =
      new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicBoolean failed =
      new java.util.concurrent.atomic.AtomicBoolean();

  @BeforeEach
  void start() {
    running = RunningApp.start(dataDir, CLOCK, Map.of("SALESPULSE_PUSH_HZ", "4"));
    running.awaitReady();
    socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(
                URI.create("ws://localhost:" + running.app.httpPort() + "/ws/live"), new Collect())
            .join();
  }

  @AfterEach
  void stop() {
    socket.abort();
    running.close();
  }

  @Test
  void sendsASnapshotThenAnUpdateAfterAnEventIsProduced() {
    socket.sendText(
        "{\"subscribe\":[\"company:all\",\"team:unassigned\"],\"period\":\"today\"}", true);
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
    socket.sendText("{\"subscribe\":[\"planet:mars\"]}", true);
    await().atMost(Duration.ofSeconds(10)).until(() -> !messages("error").isEmpty());
    assertThat(messages("error").get(0).get("detail").asText()).contains("planet");
  }

  @Test
  void closesAConnectionThatSendsAHugeMessageAndKeepsServing() {
    socket.sendText("{\"subscribe\":[\"" + "x".repeat(200_000) + "\"]}", true);

    // The server closes with 1009 (message too big); the client sees that close, or, when the
    // close races its own send, an error on the broken connection. Either way it is gone.
    await().atMost(Duration.ofSeconds(20)).until(() -> closeCode.get() != 0 || failed.get());
    if (closeCode.get() != 0) {
      assertThat(closeCode.get()).isEqualTo(1009);
    }
    assertThat(running.get("/health/ready").statusCode()).isEqualTo(200);
  }

  private List<JsonNode> messages(String type) {
    return received.stream().filter(m -> m.get("type").asText().equals(type)).toList();
  }

  /** Revenue values pushed for a scope, from single updates and coalesced ones. */
  private List<String> revenueUpdates(String scope) {
    return received.stream()
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

  private final class Collect implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeCode.set(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      failed.set(true);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received.add(running.parse(partial.toString()));
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }
}
