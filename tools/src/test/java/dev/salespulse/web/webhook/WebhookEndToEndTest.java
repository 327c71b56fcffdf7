package dev.salespulse.web.webhook;

import static dev.salespulse.web.webhook.Webhooks.HUBSPOT_SECRET;
import static dev.salespulse.web.webhook.Webhooks.NOW;
import static dev.salespulse.web.webhook.Webhooks.STRIPE_SECRET;
import static dev.salespulse.web.webhook.Webhooks.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.web.RunningApp;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks through the real HTTP server and broker: signed deliveries counted once however often
 * they come, without the viewer token; refusals answered with their reasons.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookEndToEndTest {
  private static final String VIEWER = "viewer-secret";
  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final String PERIOD = "&period=custom&from=2026-11-26&to=2026-11-28";

  private final HttpClient http = HttpClient.newHttpClient();
  private RunningApp running;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    running =
        RunningApp.start(
            dataDir,
            Webhooks.CLOCK,
            Map.of(
                "SALESPULSE_VIEWER_TOKEN", VIEWER,
                "SALESPULSE_CURRENCY", "EUR",
                "SALESPULSE_WEBHOOK_STRIPE_SECRET", STRIPE_SECRET,
                "SALESPULSE_WEBHOOK_HUBSPOT_SECRET", HUBSPOT_SECRET,
                "SALESPULSE_WEBHOOK_BASE_URL", "https://sales.example.com"));
    running.awaitReady();
  }

  @AfterAll
  void stop() {
    if (running != null) {
      running.close();
    }
  }

  @Test
  void shouldCountRedeliveredWebhooksOnce() {
    WebhookRequest charge =
        Webhooks.stripe(payload("stripe-charge-succeeded.json"), STRIPE_SECRET, NOW);
    WebhookRequest refund =
        Webhooks.stripe(payload("stripe-charge-refunded.json"), STRIPE_SECRET, NOW);
    WebhookRequest deals =
        Webhooks.hubSpot(payload("hubspot-deal-stage.json"), HUBSPOT_SECRET, NOW);

    for (int delivery = 0; delivery < 2; delivery++) {
      assertThat(post(charge).body())
          .isEqualTo("{\"accepted\":1,\"rejected\":0,\"ignored\":0,\"errors\":[]}");
      assertThat(post(refund).statusCode()).isEqualTo(200);
      assertThat(post(deals).body())
          .isEqualTo("{\"accepted\":2,\"rejected\":0,\"ignored\":1,\"errors\":[]}");
    }

    await()
        .atMost(BOUND)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              JsonNode rep = kpis("rep:rep-7");
              assertThat(rep.get("orders").decimalValue()).isEqualByComparingTo("1");
              assertThat(rep.get("grossRevenue").decimalValue()).isEqualByComparingTo("1250.50");
              assertThat(rep.get("revenue").decimalValue()).isEqualByComparingTo("750.00");
              assertThat(kpis("rep:rep-4455667").get("dealsWon").decimalValue())
                  .isEqualByComparingTo("1");
              assertThat(kpis("rep:rep-7788990").get("dealsLost").decimalValue())
                  .isEqualByComparingTo("1");
            });
    assertThat(running.get("/metrics").body())
        .contains(
            "salespulse_ingest_records_total{outcome=\"accepted\",reason=\"none\","
                + "source=\"webhook:stripe\"} 4.0");
  }

  @Test
  void shouldAnswerRefusalsWithTheirReasons() {
    WebhookRequest charge =
        Webhooks.stripe(payload("stripe-charge-succeeded.json"), STRIPE_SECRET, NOW);

    HttpResponse<String> forged = post(Webhooks.stripe(charge.body(), "whsec_forged", NOW));
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(running.parse(forged.body()).get("error").asText()).isEqualTo("bad-signature");

    HttpResponse<String> unknown = post(withSource(charge, "paypal"));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body())
        .isEqualTo(
            "{\"error\":\"unknown-source\",\"detail\":\"no webhook mapping for source 'paypal';"
                + " known sources: hubspot, shopify, stripe\"}");

    HttpResponse<String> unconfigured = post(withSource(charge, "shopify"));
    assertThat(unconfigured.statusCode()).isEqualTo(403);
    assertThat(unconfigured.body())
        .isEqualTo(
            "{\"error\":\"webhook-not-configured\",\"detail\":\"webhooks from 'shopify' are"
                + " refused until SALESPULSE_WEBHOOK_SHOPIFY_SECRET holds the secret they are"
                + " signed with\"}");

    byte[] huge = new byte[WebhookHandler.MAX_BODY_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) ' ');
    HttpResponse<String> tooLarge = post(Webhooks.stripe(huge, STRIPE_SECRET, NOW));
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(running.parse(tooLarge.body()).get("error").asText()).isEqualTo("too-large");
    HttpResponse<String> chunked =
        send(
            HttpRequest.newBuilder(running.uri("/api/v1/webhooks/stripe"))
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(huge)))
                .build());
    assertThat(chunked.statusCode()).isEqualTo(413);

    HttpResponse<String> notJson = post(Webhooks.stripe("<xml/>".getBytes(), STRIPE_SECRET, NOW));
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(running.parse(notJson.body()).get("error").asText()).isEqualTo("bad-json");
  }

  private JsonNode kpis(String scope) {
    return running.getJson("/api/v1/kpis?scope=" + scope + PERIOD + "&token=" + VIEWER).get("kpis");
  }

  private static WebhookRequest withSource(WebhookRequest request, String source) {
    return new WebhookRequest(
        source,
        request.method(),
        request.uri(),
        request.headers(),
        request.body(),
        request.token());
  }

  /** The request as its provider sends it, without any SalesPulse credential. */
  private HttpResponse<String> post(WebhookRequest request) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(running.uri("/api/v1/webhooks/" + request.source()))
            .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
    request.headers().forEach(builder::header);
    return send(builder.build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
