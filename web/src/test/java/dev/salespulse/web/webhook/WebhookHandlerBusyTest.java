package dev.salespulse.web.webhook;

import static dev.salespulse.web.webhook.Webhooks.NOW;
import static dev.salespulse.web.webhook.Webhooks.STRIPE_SECRET;
import static dev.salespulse.web.webhook.Webhooks.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.salespulse.web.ingest.EventSink;
import dev.salespulse.web.ingest.IngestResult;
import dev.salespulse.web.ingest.ReferenceKind;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The public route holds at most a bounded number of bodies at once. */
class WebhookHandlerBusyTest {
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger waiting = new AtomicInteger();
  private Javalin app;

  @AfterEach
  void stop() {
    release.countDown();
    if (app != null) {
      app.stop();
    }
  }

  @Test
  void shouldAnswer503WhileAllPlacesAreTakenAndServeThoseWaiting() throws Exception {
    EventSink slow =
        new EventSink() {
          @Override
          public IngestResult events(List<byte[]> events) {
            waiting.incrementAndGet();
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return new IngestResult(events.size(), 0, List.of());
          }

          @Override
          public IngestResult reference(ReferenceKind kind, List<byte[]> records) {
            throw new UnsupportedOperationException();
          }
        };
    WebhookService service =
        new WebhookService(
            WebhookMappings.load(Optional.empty()),
            Webhooks.SECRETS,
            Optional.empty(),
            source -> slow,
            Webhooks.CLOCK);
    WebhookHandler handler = new WebhookHandler(service, Optional.empty(), Duration.ZERO);
    app = Webhooks.serve(handler);
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest charge =
        request(Webhooks.stripe(payload("stripe-charge-succeeded.json"), STRIPE_SECRET, NOW));

    List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
    for (int i = 0; i < WebhookHandler.CONCURRENT_BODIES; i++) {
      held.add(http.sendAsync(charge, HttpResponse.BodyHandlers.ofString()));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> waiting.get() == WebhookHandler.CONCURRENT_BODIES);
    HttpResponse<String> busy = http.send(charge, HttpResponse.BodyHandlers.ofString());
    release.countDown();

    assertThat(busy.statusCode()).isEqualTo(503);
    assertThat(busy.headers().firstValue("Retry-After")).contains("5");
    assertThat(busy.body())
        .isEqualTo(
            "{\"error\":\"busy\",\"detail\":\"too many webhooks at once; send it again shortly\"}");
    for (CompletableFuture<HttpResponse<String>> response : held) {
      assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
  }

  private HttpRequest request(WebhookRequest webhook) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + app.port() + "/api/v1/webhooks/stripe"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
    webhook.headers().forEach(builder::header);
    return builder.build();
  }
}
