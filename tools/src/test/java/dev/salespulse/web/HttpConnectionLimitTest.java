package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that opens connections and never uses them cannot take every file the process may open:
 * at SALESPULSE_HTTP_MAX_CONNECTIONS new connections wait to be accepted, the idle ones are closed
 * after 30 s, and then the waiting ones are served.
 */
@Tag("slow")
class HttpConnectionLimitTest {
  private static final int LIMIT = 16;

  @TempDir Path dataDir;

  @Test
  void idleConnectionsAtTheLimitMakeNewOnesWaitAndAreClosed() throws Exception {
    try (RunningApp running =
        RunningApp.start(
            dataDir,
            Clock.systemUTC(),
            Map.of("SALESPULSE_HTTP_MAX_CONNECTIONS", String.valueOf(LIMIT)))) {
      running.awaitReady();
      assertThat(liveOnNewConnection(running, Duration.ofSeconds(5))).isEqualTo(200);
      List<Socket> idle = new ArrayList<>();
      try {
        for (int i = 0; i < LIMIT + 4; i++) {
          Socket socket = new Socket("localhost", running.app.httpPort());
          socket.setSoTimeout(60_000);
          idle.add(socket);
        }

        // Every connection a fresh one, so that none reuses a connection accepted before.
        assertThatThrownBy(() -> liveOnNewConnection(running, Duration.ofSeconds(2)))
            .isInstanceOf(HttpTimeoutException.class);

        await()
            .atMost(Duration.ofSeconds(150))
            .ignoreExceptions()
            .until(() -> liveOnNewConnection(running, Duration.ofSeconds(5)) == 200);
        assertThat(idle.get(0).getInputStream().read()).as("closed by the server").isEqualTo(-1);
      } finally {
        for (Socket socket : idle) {
          try {
            socket.close();
          } catch (IOException e) {
            // closed already
          }
        }
      }
    }
  }

  private static int liveOnNewConnection(RunningApp running, Duration timeout) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
    URI uri = running.uri("/health/live");
    return client
        .send(
            HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
