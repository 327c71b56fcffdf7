package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /ws/live} opens for the service's own pages, the allowed origins and clients that are no
 * browser (no {@code Origin}); a page of another site gets a 403, so it cannot read the live feed
 * through a viewer's browser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveFeedOriginTest {
  private RunningApp running;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    running =
        RunningApp.start(
            dataDir,
            Clock.systemUTC(),
            Map.of("SALESPULSE_ALLOWED_ORIGINS", "https://TV.example.com, http://wall.local:8080"));
    running.awaitReady();
  }

  @AfterAll
  void stop() {
    if (running != null) {
      running.close();
    }
  }

  @Test
  void shouldRefuseAPageOfAnotherSite() {
    assertThat(statusOpening("https://evil.example")).isEqualTo(403);
    assertThat(statusOpening("http://wall.local:9090")).isEqualTo(403);
  }

  @Test
  void shouldOpenForItsOwnPagesTheAllowedOriginsAndClientsThatAreNoBrowser() {
    assertThat(statusOpening("http://localhost:" + running.app.httpPort())).isEqualTo(101);
    assertThat(statusOpening("https://tv.example.com")).isEqualTo(101);
    assertThat(statusOpening("http://wall.local:8080")).isEqualTo(101);
    assertThat(statusOpening(null)).isEqualTo(101);
  }

  /**
   * docs/deploy.md: behind a TLS proxy the browser's page is {@code https://<public name>}, which
   * the service knows only from the proxy's {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}.
   */
  @Test
  void shouldOpenForItsOwnPagesBehindAProxyThatSaysWhereTheyCameFrom() {
    Map<String, String> forwarded =
        Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "sales.example.com");

    assertThat(statusOpening("https://sales.example.com", forwarded)).isEqualTo(101);
    assertThat(statusOpening("https://sales.example.com", Map.of()))
        .as("the same page when the proxy does not say")
        .isEqualTo(403);
    assertThat(statusOpening("https://evil.example", forwarded)).isEqualTo(403);
  }

  private int statusOpening(String origin) {
    return statusOpening(origin, Map.of());
  }

  /** 101 when the socket opened, else the status of the refused upgrade. */
  private int statusOpening(String origin, Map<String, String> headers) {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
    headers.forEach(builder::header);
    if (origin != null) {
      builder.header("Origin", origin);
    }
    try {
      WebSocket socket =
          builder
              .buildAsync(
                  URI.create("ws://localhost:" + running.app.httpPort() + "/ws/live"),
                  new WebSocket.Listener() {})
              .get(30, TimeUnit.SECONDS);
      socket.abort();
      return 101;
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
      throw new CompletionException(e.getCause());
    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }
}
