package dev.salespulse.web.webhook;

import static dev.salespulse.web.webhook.Webhooks.HUBSPOT_SECRET;
import static dev.salespulse.web.webhook.Webhooks.NOW;
import static dev.salespulse.web.webhook.Webhooks.payload;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The URL a signature covers (HubSpot's) as the provider called it, behind a proxy too. */
class WebhookHandlerUrlTest {
  private final RecordingSink sink = new RecordingSink();
  private Javalin app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.stop();
    }
  }

  @Test
  void shouldRebuildTheCalledUrlFromTheProxysForwardedHeaders() throws Exception {
    start(Optional.empty());
    WebhookRequest deals =
        Webhooks.hubSpot(payload("hubspot-deal-stage.json"), HUBSPOT_SECRET, NOW);

    HttpResponse<String> direct = post(deals, Map.of());
    HttpResponse<String> proxied =
        post(deals, Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "sales.example.com"));

    assertThat(direct.statusCode()).isEqualTo(401);
    assertThat(proxied.statusCode()).isEqualTo(200);
    assertThat(sink.received).hasSize(2);
  }

  @Test
  void shouldUseTheBaseUrlWhenOneIsSet() throws Exception {
    start(Optional.of("https://sales.example.com/"));
    WebhookRequest deals =
        Webhooks.hubSpot(payload("hubspot-deal-stage.json"), HUBSPOT_SECRET, NOW);

    assertThat(post(deals, Map.of()).statusCode()).isEqualTo(200);
    assertThat(post(deals, Map.of("X-Forwarded-Host", "evil.example.com")).statusCode())
        .isEqualTo(200);
  }

  private void start(Optional<String> baseUrl) {
    WebhookHandler handler = new WebhookHandler(Webhooks.service(sink), baseUrl);
    app = Webhooks.serve(handler);
  }

  private HttpResponse<String> post(WebhookRequest webhook, Map<String, String> extra)
      throws Exception {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + app.port() + "/api/v1/webhooks/hubspot"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
    webhook.headers().forEach(builder::header);
    extra.forEach(builder::header);
    return HttpClient.newHttpClient().send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }
}
