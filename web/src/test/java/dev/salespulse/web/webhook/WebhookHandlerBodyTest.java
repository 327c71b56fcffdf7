package dev.salespulse.web.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook route is open to anyone: what can be refused without the body is refused before any
 * of it is read, and a body cut short is the sender's error.
 */
class WebhookHandlerBodyTest {
  private Javalin app;

  @BeforeEach
  void start() {
    // Stripe's secret set, Shopify's not.
    WebhookService service =
        Webhooks.service(
            new RecordingSink(),
            WebhookMappings.load(Optional.empty()),
            Map.of("SALESPULSE_WEBHOOK_STRIPE_SECRET", Webhooks.STRIPE_SECRET));
    WebhookHandler handler = new WebhookHandler(service, Optional.empty());
    app = Webhooks.serve(handler);
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  @Test
  void shouldRefuseAnUnknownOrUnconfiguredSourceWithoutWaitingForItsBody() throws IOException {
    // A body announced and never sent: an answer can only come before it is read.
    assertThat(answerTo("/api/v1/webhooks/nobody", "Content-Length: 1000\r\n", ""))
        .startsWith("HTTP/1.1 404")
        .contains("unknown-source");
    assertThat(answerTo("/api/v1/webhooks/shopify", "Transfer-Encoding: chunked\r\n", "1\r\n{\r\n"))
        .startsWith("HTTP/1.1 403")
        .contains("webhook-not-configured");
  }

  @Test
  void shouldAnswer400ToABodyCutShort() throws IOException {
    try (Socket socket = new Socket("localhost", app.port())) {
      socket.setSoTimeout(5_000);
      socket
          .getOutputStream()
          .write(
              request("/api/v1/webhooks/stripe", "Content-Length: 100\r\n", "{")
                  .getBytes(StandardCharsets.UTF_8));
      socket.shutdownOutput();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(answer).startsWith("HTTP/1.1 400").contains("the body could not be read");
    }
  }

  /**
   * The whole answer, which the server closes the connection after; a read waiting more than 5 s
   * fails the test.
   */
  private String answerTo(String path, String header, String body) throws IOException {
    try (Socket socket = new Socket("localhost", app.port())) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(request(path, header, body).getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String request(String path, String header, String body) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n"
        + header
        + "\r\n"
        + body;
  }
}
