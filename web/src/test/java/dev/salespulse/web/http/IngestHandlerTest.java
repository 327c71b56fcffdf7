package dev.salespulse.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.web.ingest.EventSink;
import dev.salespulse.web.ingest.IngestResult;
import dev.salespulse.web.ingest.ReferenceKind;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bound on write requests taken at once: one more waits, then gets a 503 to send again. */
class IngestHandlerTest {
  private final CountDownLatch inSink = new CountDownLatch(IngestHandler.CONCURRENT_BODIES);
  private final CountDownLatch release = new CountDownLatch(1);
  private Javalin app;

  @AfterEach
  void stop() {
    release.countDown();
    if (app != null) {
      app.stop();
    }
  }

  @Test
  void shouldAnswer503WithRetryAfterWhenTooManyBodiesAreInFlight() throws Exception {
    start(
        events -> {
          inSink.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    HttpClient http = HttpClient.newHttpClient();
    List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
    for (int i = 0; i < IngestHandler.CONCURRENT_BODIES; i++) {
      inFlight.add(http.sendAsync(post(), HttpResponse.BodyHandlers.ofString()));
    }
    assertThat(inSink.await(30, TimeUnit.SECONDS)).isTrue();

    HttpResponse<String> refused = http.send(post(), HttpResponse.BodyHandlers.ofString());

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).contains("5");
    assertThat(refused.body()).startsWith("busy: 4 write requests");
    release.countDown();
    for (CompletableFuture<HttpResponse<String>> response : inFlight) {
      assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
    assertThat(http.send(post(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
  }

  /**
   * A body with a content coding is refused with the reason, not parsed as it is (a gzip body
   * failed as malformed JSON, a {@code br} label on plain JSON was taken).
   */
  @Test
  void shouldRefuseABodyWithAContentCoding() throws Exception {
    List<Integer> taken = new ArrayList<>();
    start(events -> taken.add(events.size()));
    HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> gzip =
        http.send(post("Content-Encoding", "gzip"), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> brotli =
        http.send(post("Content-Encoding", "br"), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> identity =
        http.send(post("Content-Encoding", "identity"), HttpResponse.BodyHandlers.ofString());

    assertThat(gzip.statusCode()).isEqualTo(415);
    assertThat(gzip.body())
        .isEqualTo("Content-Encoding 'gzip' is not taken: send the body uncompressed");
    assertThat(brotli.statusCode()).isEqualTo(415);
    assertThat(identity.statusCode()).isEqualTo(200);
    assertThat(taken).containsExactly(1);
  }

  /**
   * Serves {@code POST /e} with an {@link IngestHandler} whose sink shows each batch to {@code
   * taking}, then accepts it all; a refusal answers its status and message as plain text.
   */
  private void start(Consumer<List<byte[]>> taking) {
    EventSink sink =
        new EventSink() {
          @Override
          public IngestResult events(List<byte[]> events) {
            taking.accept(events);
            return new IngestResult(events.size(), 0, List.of());
          }

          @Override
          public IngestResult reference(ReferenceKind kind, List<byte[]> records) {
            return events(records);
          }
        };
    IngestHandler handler = new IngestHandler(sink, Duration.ofMillis(200));
    app =
        Javalin.create(
                config -> {
                  config.routes.post("/e", handler::events);
                  config.routes.exception(
                      HttpResponseException.class,
                      (e, ctx) -> ctx.status(e.getStatus()).result(e.getMessage()));
                })
            .start(0);
  }

  private HttpRequest post(String header, String value) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/e"))
        .header("Content-Type", "application/x-ndjson")
        .header(header, value)
        .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}\n"))
        .build();
  }

  private HttpRequest post() {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/e"))
        .header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}\n"))
        .build();
  }
}
