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
import java.util.concurrent.CompletionException;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that sends subscriptions as fast as it can (a bug in a page, or someone hostile): a
 * burst of up to 20 gets the snapshot of its latest subscription and no more than
 * SALESPULSE_PUSH_HZ messages a second (it once got a snapshot for nearly every message, each
 * computed at once on the one thread that serves every client's pushes); beyond that burst the
 * session is closed with 1008 and a reason, and the feed goes on serving others.
 */
@Tag("slow")
class LiveFeedSubscribeFloodTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T15:00:00Z"), ZoneOffset.UTC);
  private static final int BURST = 20;

  @TempDir Path dataDir;
  private RunningApp running;
  private LiveSocket socket;

  @BeforeEach
  void start() {
    running = RunningApp.start(dataDir, CLOCK, Map.of("SALESPULSE_PUSH_HZ", "1"));
    running.awaitReady();
    socket = LiveSocket.open(running);
  }

  @AfterEach
  void stop() {
    socket.close();
    running.close();
  }

  @Test
  void answersABurstOfSubscriptionsWithTheLatestOneAtThePushRate() {
    long start = System.nanoTime();
    for (int i = 1; i <= BURST; i++) {
      socket.send("{\"subscribe\":[\"rep:rep-" + i + "\"],\"period\":\"today\"}");
    }
    String latest = "rep:rep-" + BURST;

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              List<JsonNode> snapshots = socket.messages("snapshot");
              return !snapshots.isEmpty()
                  && snapshots.get(snapshots.size() - 1).get("scope").asText().equals(latest);
            });
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(socket.closeCode()).isZero();
    assertThat(socket.messages("snapshot").size())
        .as("snapshots in %.1f s at SALESPULSE_PUSH_HZ=1", seconds)
        .isLessThanOrEqualTo((int) Math.ceil(seconds) + 1);
  }

  @Test
  void closesASessionThatFloodsSubscriptionsWithAReasonAndServesOthers() {
    // No message after the server has closed: the client's write would meet a reset connection,
    // which can drop the close frame (code and reason) before the client reads it. So the burst,
    // then one more at a time until the server closes (a crowded machine may refill a credit
    // while the burst is sent).
    for (int i = 1; i <= BURST + 10 && socket.closeCode() == 0; i++) {
      try {
        socket.send("{\"subscribe\":[\"rep:rep-" + i + "\"],\"period\":\"today\"}");
      } catch (CompletionException e) {
        break; // the server closed the connection
      }
      if (i > BURST) {
        awaitClose(Duration.ofSeconds(3));
      }
    }

    await().atMost(Duration.ofSeconds(20)).until(() -> socket.closeCode() != 0);
    assertThat(socket.closeCode()).isEqualTo(1008);
    assertThat(socket.closeReason())
        .isEqualTo("too many messages: at most 20 subscriptions at once, then one a second");

    try (LiveSocket other = LiveSocket.open(running)) {
      other.send("{\"subscribe\":[\"company:all\"],\"period\":\"today\"}");
      await().atMost(Duration.ofSeconds(20)).until(() -> !other.messages("snapshot").isEmpty());
      assertThat(other.messages("snapshot").get(0).get("scope").asText()).isEqualTo("company:all");
    }
  }

  private void awaitClose(Duration atMost) {
    try {
      await().atMost(atMost).until(() -> socket.closeCode() != 0);
    } catch (ConditionTimeoutException e) {
      // Not closed yet: the caller sends one more.
    }
  }
}
