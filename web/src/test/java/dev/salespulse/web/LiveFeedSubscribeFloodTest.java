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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that sends subscriptions as fast as it can (a bug in a page, or someone hostile) gets
 * the snapshot of its latest subscription and no more than SALESPULSE_PUSH_HZ messages a second. It
 * once got a snapshot for nearly every message, each computed at once on the one thread that serves
 * every client's pushes.
 */
@Tag("slow")
class LiveFeedSubscribeFloodTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T15:00:00Z"), ZoneOffset.UTC);
  private static final int SUBSCRIPTIONS = 300;

  @TempDir Path dataDir;
  private RunningApp running;
  private WebSocket socket;
  private final List<JsonNode> snapshots = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    running = RunningApp.start(dataDir, CLOCK, Map.of("SALESPULSE_PUSH_HZ", "1"));
    running.awaitReady();
    socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(
                URI.create("ws://localhost:" + running.app.httpPort() + "/ws/live"),
                new WebSocket.Listener() {
                  private final StringBuilder partial = new StringBuilder();

                  @Override
                  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                      JsonNode message = running.parse(partial.toString());
                      if (message.get("type").asText().equals("snapshot")) {
                        snapshots.add(message);
                      }
                      partial.setLength(0);
                    }
                    ws.request(1);
                    return null;
                  }
                })
            .join();
  }

  @AfterEach
  void stop() {
    socket.abort();
    running.close();
  }

  @Test
  void answersAFloodOfSubscriptionsWithTheLatestOneAtThePushRate() {
    long start = System.nanoTime();
    for (int i = 1; i <= SUBSCRIPTIONS; i++) {
      socket.sendText("{\"subscribe\":[\"rep:rep-" + i + "\"],\"period\":\"today\"}", true).join();
    }
    String latest = "rep:rep-" + SUBSCRIPTIONS;

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !snapshots.isEmpty()
                    && snapshots.get(snapshots.size() - 1).get("scope").asText().equals(latest));
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(snapshots.size())
        .as("snapshots in %.1f s at SALESPULSE_PUSH_HZ=1", seconds)
        .isLessThanOrEqualTo((int) Math.ceil(seconds) + 1);
  }
}
