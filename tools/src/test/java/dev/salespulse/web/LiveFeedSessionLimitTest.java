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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/configuration.md, SALESPULSE_WS_MAX_SESSIONS: a session beyond the limit is closed with 1013
 * ("try again later") and a reason; one that ends makes room for the next.
 */
@Tag("slow")
class LiveFeedSessionLimitTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T15:00:00Z"), ZoneOffset.UTC);
  private static final String SUBSCRIBE = "{\"subscribe\":[\"company:all\"],\"period\":\"today\"}";

  @TempDir Path dataDir;
  private RunningApp running;
  private final List<LiveSocket> sockets = new ArrayList<>();

  @BeforeEach
  void start() {
    running = RunningApp.start(dataDir, CLOCK, Map.of("SALESPULSE_WS_MAX_SESSIONS", "2"));
    running.awaitReady();
  }

  @AfterEach
  void stop() {
    sockets.forEach(LiveSocket::close);
    running.close();
  }

  @Test
  void closesASessionBeyondTheLimitWithTryAgainLaterAndAdmitsOneWhenRoomIsMade() {
    LiveSocket first = subscribed();
    subscribed();

    LiveSocket third = open();
    await().atMost(Duration.ofSeconds(20)).until(() -> third.closeCode() != 0);
    assertThat(third.closeCode()).isEqualTo(1013);
    assertThat(third.closeReason()).isEqualTo("this instance serves its maximum of live sessions");
    assertThat(third.messages("snapshot")).isEmpty();

    first.close();
    await()
        .atMost(Duration.ofSeconds(70))
        .until(
            () -> running.get("/metrics").body().contains("\nsalespulse_websocket_sessions 1.0"));
    LiveSocket next = subscribed();
    assertThat(next.closeCode()).isZero();
  }

  private LiveSocket subscribed() {
    LiveSocket socket = open();
    socket.send(SUBSCRIBE);
    await().atMost(Duration.ofSeconds(30)).until(() -> !socket.messages("snapshot").isEmpty());
    return socket;
  }

  private LiveSocket open() {
    LiveSocket socket = LiveSocket.open(running);
    sockets.add(socket);
    return socket;
  }
}
