package dev.salespulse.web.webhook;

import dev.salespulse.web.http.ApiError;
import dev.salespulse.web.http.RequestBodies;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The route {@code POST /api/v1/webhooks/{source}}: reads the raw body (at most 1 MiB, else 413),
 * the headers and the URL the provider signed, and answers what {@link WebhookService} decides. It
 * needs no viewer or ingest token: each source's signature is its credential (an unsigned source's
 * request carries the ingest token, checked by the service).
 */
public final class WebhookHandler implements Handler {
  /** The largest webhook body taken: providers send far less (Shopify orders are kilobytes). */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  /**
   * Webhooks handled at once. The route is open to anyone (the signature is checked once the body
   * is read), so the memory bodies take is bounded however many senders call at the same time.
   */
  static final int CONCURRENT_BODIES = 16;

  private static final String BEARER = "Bearer ";

  private final WebhookService service;
  private final Optional<String> baseUrl;
  private final Duration wait;
  private final Semaphore bodies = new Semaphore(CONCURRENT_BODIES, true);

  /**
   * @param baseUrl the scheme and host providers call this service at ({@code
   *     https://sales.example.com}), as they sign it (HubSpot signs the URL); without it, the URL
   *     is rebuilt from the request and its {@code X-Forwarded-Proto}/{@code X-Forwarded-Host}
   */
  public WebhookHandler(WebhookService service, Optional<String> baseUrl) {
    this(service, baseUrl, Duration.ofSeconds(10));
  }

  /** {@code wait}: how long a request waits for its turn before a 503. */
  WebhookHandler(WebhookService service, Optional<String> baseUrl, Duration wait) {
    this.service = service;
    this.wait = wait;
    this.baseUrl = baseUrl.map(b -> b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
  }

  @Override
  public void handle(Context ctx) throws InterruptedException {
    // What needs no body is refused before any of it is read: an unknown or unconfigured source
    // cannot hold a server thread while its sender trickles a body in.
    Optional<WebhookService.Answer> refused =
        service.refusedUnread(ctx.pathParam("source"), token(ctx));
    if (refused.isPresent()) {
      ctx.status(refused.get().status()).json(refused.get().body());
      return;
    }
    // The body is read before the turn is taken, so that a sender trickling bytes holds only its
    // own connection and thread, never one of the turns the signed webhooks wait for.
    byte[] body;
    try {
      body =
          RequestBodies.readAtMost(
              ctx.req().getInputStream(), ctx.req().getContentLengthLong(), MAX_BODY_BYTES);
    } catch (IOException e) {
      ctx.status(400)
          .json(new ApiError("bad-request", "the body could not be read: " + e.getMessage()));
      return;
    }
    if (body == null) {
      ctx.status(413)
          .json(
              new ApiError(
                  "too-large", "a webhook body may be at most " + MAX_BODY_BYTES + " bytes"));
      return;
    }
    if (!bodies.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
      ctx.status(503)
          .header("Retry-After", "5")
          .json(new ApiError("busy", "too many webhooks at once; send it again shortly"));
      return;
    }
    try {
      handleOne(ctx, body);
    } finally {
      bodies.release();
    }
  }

  private void handleOne(Context ctx, byte[] body) {
    Map<String, String> headers = new HashMap<>();
    ctx.headerMap().forEach(headers::put);
    WebhookService.Answer answer =
        service.receive(
            new WebhookRequest(
                ctx.pathParam("source"), ctx.method().name(), url(ctx), headers, body, token(ctx)));
    if (answer.status() == 503) {
      ctx.header("Retry-After", "5");
    }
    ctx.status(answer.status()).json(answer.body());
  }

  private String url(Context ctx) {
    String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
    String path = ctx.req().getRequestURI();
    if (baseUrl.isPresent()) {
      return baseUrl.get() + path + query;
    }
    String scheme = Optional.ofNullable(ctx.header("X-Forwarded-Proto")).orElse(ctx.scheme());
    String host = Optional.ofNullable(ctx.header("X-Forwarded-Host")).orElse(ctx.host());
    return scheme + "://" + host + path + query;
  }

  private static Optional<String> token(Context ctx) {
    String header = ctx.header("Authorization");
    if (header != null && header.startsWith(BEARER)) {
      return Optional.of(header.substring(BEARER.length()));
    }
    return Optional.ofNullable(ctx.queryParam("token"));
  }
}
