package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/configuration.md, SALESPULSE_PUSH_HZ: "Most WebSocket messages a second per client (1–50)";
 * DESIGN.md: "a client never gets more than SALESPULSE_PUSH_HZ messages a second". With 1 Hz and a
 * scope that changes all the time, the messages after the snapshot must come at least about a
 * second apart, also when a heartbeat falls due; they are updates, since an update takes the turn
 * of a heartbeat due. A client whose scopes do not change is sent heartbeats.
 */
@Tag("slow")
class LiveFeedRateTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T15:00:00Z"), ZoneOffset.UTC);

  /** What a second is once the network's jitter is allowed for. */
  private static final long MIN_GAP_MILLIS = 800;

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
  void sendsAtMostPushHzMessagesASecondAndNoHeartbeatTakesAnUpdatesTurn() throws Exception {
    socket.send("{\"subscribe\":[\"company:all\"],\"period\":\"today\"}");
    await().atMost(Duration.ofSeconds(30)).until(() -> !socket.received().isEmpty());

    // Changes all the time for longer than a heartbeat period (10 s).
    long end = System.nanoTime() + Duration.ofSeconds(22).toNanos();
    for (int n = 0; System.nanoTime() < end; n++) {
      running.producer.send(
          new ProducerRecord<>(
              running.topics.orders().name(),
              "o-" + n,
              "{\"eventId\":\"e-"
                  + n
                  + "\",\"type\":\"ORDER_PLACED\",\"orderId\":\"o-"
                  + n
                  + "\",\"occurredAt\":\"2026-11-26T14:03:22Z\",\"repId\":\"rep-7\","
                  + "\"currency\":\"USD\",\"amount\":10.00}"));
      running.producer.flush();
      Thread.sleep(150);
    }

    List<LiveSocket.Message> afterSnapshot =
        socket.received().stream().filter(m -> !m.type().equals("snapshot")).toList();
    // A change owed when a heartbeat falls due goes in that turn instead of waiting a push period
    // behind the heartbeat; the update carries the server's time a heartbeat would have. While
    // orders keep coming, a change is owed at nearly every turn: of the two or three heartbeats
    // that fall due meanwhile, at most one may find a turn with nothing changed (a pause of the
    // stream threads), where taking their turns all would make two or more.
    List<String> types = afterSnapshot.stream().map(LiveSocket.Message::type).toList();
    int first = types.indexOf("update");
    int last = types.lastIndexOf("update");
    assertThat(first).as("an update arrived").isNotNegative();
    assertThat(types.subList(first, last + 1)).filteredOn("heartbeat"::equals).hasSizeLessThan(2);
    assertThat(afterSnapshot)
        .filteredOn(m -> m.type().equals("update"))
        .allSatisfy(m -> assertThat(m.json().has("serverTime")).isTrue());
    List<String> tooClose = new ArrayList<>();
    for (int i = 1; i < afterSnapshot.size(); i++) {
      long gapMillis =
          (afterSnapshot.get(i).nanos() - afterSnapshot.get(i - 1).nanos()) / 1_000_000;
      if (gapMillis < MIN_GAP_MILLIS) {
        tooClose.add(
            afterSnapshot.get(i - 1).type()
                + " then "
                + afterSnapshot.get(i).type()
                + " after "
                + gapMillis
                + " ms");
      }
    }
    assertThat(tooClose).isEmpty();
  }

  @Test
  void sendsAHeartbeatWithTheServersTimeWhenNothingChanges() {
    socket.send("{\"subscribe\":[\"company:all\"],\"period\":\"today\"}");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> socket.received().stream().anyMatch(m -> m.type().equals("heartbeat")));

    LiveSocket.Message heartbeat =
        socket.received().stream().filter(m -> m.type().equals("heartbeat")).findFirst().get();
    assertThat(Instant.parse(heartbeat.json().get("serverTime").asText()))
        .isEqualTo(CLOCK.instant());
  }
}
