package dev.salespulse.web.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.web.http.ApiError;
import dev.salespulse.web.ingest.EventSink;
import dev.salespulse.web.ingest.IngestResult;
import dev.salespulse.web.ingest.IngestResult.RecordError;
import dev.salespulse.web.json.Json;
import dev.salespulse.web.webhook.ItemOutcome.Failed;
import dev.salespulse.web.webhook.ItemOutcome.Ignored;
import dev.salespulse.web.webhook.ItemOutcome.Mapped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/webhooks/{source}} without the HTTP server: finds the source's mapping,
 * checks the signature (or, for a source mapped as unsigned, the ingest token), maps the payload
 * and hands the events to the sink. What it answers, by status:
 *
 * <ul>
 *   <li>200: every event was taken or deliberately ignored;
 *   <li>422: some event could not be mapped or was refused by the ingest checks; those that could
 *       were still sent, so a provider's retry of the whole request counts each event once;
 *   <li>404 unknown source, 403 source without a secret, 401 bad signature or token, 400 a body
 *       that is not JSON, 413 more than {@link #MAX_EVENTS} events;
 *   <li>503 (with Retry-After) the cluster did not acknowledge the events: the provider retries.
 * </ul>
 */
public final class WebhookService {
  /** The most events one webhook may carry, as many as one {@code POST /api/v1/events}. */
  static final int MAX_EVENTS = 10_000;

  /** The ingest's reason for records the cluster did not acknowledge (retry later). */
  static final String NOT_ACKNOWLEDGED = "not-acknowledged";

  private static final Logger LOG = LoggerFactory.getLogger(WebhookService.class);

  private final WebhookMappings mappings;
  private final Map<String, String> secrets;
  private final Optional<byte[]> ingestToken;
  private final Function<String, EventSink> sinks;
  private final Clock clock;

  /**
   * @param secrets the {@code SALESPULSE_WEBHOOK_<NAME>_SECRET} settings by name
   * @param ingestToken {@code SALESPULSE_INGEST_TOKEN}, which unsigned sources need
   * @param sinks the sink of each source's events, by its metric label ({@code webhook:shopify})
   */
  public WebhookService(
      WebhookMappings mappings,
      Map<String, String> secrets,
      Optional<String> ingestToken,
      Function<String, EventSink> sinks,
      Clock clock) {
    this.mappings = mappings;
    this.secrets = Map.copyOf(secrets);
    this.ingestToken = ingestToken.map(t -> t.getBytes(StandardCharsets.UTF_8));
    this.sinks = sinks;
    this.clock = clock;
  }

  /** The status and the body (an {@link ApiError} or a {@link WebhookAnswer}) to answer with. */
  public record Answer(int status, Object body) {}

  public Answer receive(WebhookRequest request) {
    Optional<Answer> unread = refusedUnread(request.source(), request.token());
    if (unread.isPresent()) {
      return unread.get();
    }
    WebhookMapping mapping = mappings.get(request.source()).orElseThrow();
    Optional<Answer> refused = signatureRefused(mapping, request);
    if (refused.isPresent()) {
      LOG.info("Webhook from {} refused: {}", mapping.source(), refused.get().body());
      return refused.get();
    }
    JsonNode payload;
    try {
      payload = Json.MAPPER.readTree(request.body());
    } catch (IOException e) {
      payload = null;
    }
    if (payload == null || payload.isMissingNode() || !payload.isContainerNode()) {
      return error(400, "bad-json", "the body is not a JSON object or array");
    }
    List<ItemOutcome> outcomes = WebhookMapper.map(mapping, payload, request.headers());
    if (outcomes.size() > MAX_EVENTS) {
      return error(
          413,
          "too-large",
          "the payload holds "
              + outcomes.size()
              + " events, more than "
              + MAX_EVENTS
              + " in one webhook");
    }
    return send(mapping.source(), outcomes);
  }

  /**
   * What is refused without the body: an unknown source, an unsigned one without the ingest token,
   * a signed one whose secret is not set. The handler asks before it reads the body, so that a
   * sender nobody configured cannot hold a server thread while it trickles a body in.
   */
  public Optional<Answer> refusedUnread(String source, Optional<String> token) {
    Optional<WebhookMapping> found = mappings.get(source);
    if (found.isEmpty()) {
      return Optional.of(
          error(
              404,
              "unknown-source",
              "no webhook mapping for source '"
                  + source
                  + "'; known sources: "
                  + String.join(", ", mappings.sources())));
    }
    Optional<Answer> refused = refusedUnread(found.get(), token);
    refused.ifPresent(
        answer -> LOG.info("Webhook from {} refused: {}", found.get().source(), answer.body()));
    return refused;
  }

  private Optional<Answer> refusedUnread(WebhookMapping mapping, Optional<String> token) {
    SignatureSpec spec = mapping.signature();
    if (spec.scheme() == SignatureScheme.NONE) {
      if (ingestToken.isEmpty()) {
        return Optional.of(
            error(
                403,
                "forbidden",
                "source '"
                    + mapping.source()
                    + "' is mapped as unsigned, which needs SALESPULSE_INGEST_TOKEN to be set"
                    + " and sent with each request"));
      }
      boolean ok =
          token
              .map(
                  t -> MessageDigest.isEqual(ingestToken.get(), t.getBytes(StandardCharsets.UTF_8)))
              .orElse(false);
      return ok
          ? Optional.empty()
          : Optional.of(
              error(
                  401,
                  "unauthorized",
                  "source '"
                      + mapping.source()
                      + "' is unsigned: send the ingest token (Authorization: Bearer or ?token=)"));
    }
    if (keys(spec).isEmpty()) {
      return Optional.of(
          error(
              403,
              "webhook-not-configured",
              "webhooks from '"
                  + mapping.source()
                  + "' are refused until "
                  + spec.secretSetting()
                  + " holds the secret they are signed with"));
    }
    return Optional.empty();
  }

  /**
   * A signed source's signature, checked against the body; nothing to check for an unsigned one.
   */
  private Optional<Answer> signatureRefused(WebhookMapping mapping, WebhookRequest request) {
    SignatureSpec spec = mapping.signature();
    if (spec.scheme() == SignatureScheme.NONE) {
      return Optional.empty();
    }
    return Signatures.check(spec, keys(spec), request, clock.instant())
        .map(why -> error(401, "bad-signature", why));
  }

  private List<String> keys(SignatureSpec spec) {
    return Arrays.stream(secrets.getOrDefault(spec.secretSetting(), "").split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private Answer send(String source, List<ItemOutcome> outcomes) {
    List<Mapped> mapped = new ArrayList<>();
    List<RecordError> errors = new ArrayList<>();
    int ignored = 0;
    for (ItemOutcome outcome : outcomes) {
      if (outcome instanceof Mapped m) {
        mapped.add(m);
      } else if (outcome instanceof Ignored) {
        ignored++;
      } else if (outcome instanceof Failed f) {
        errors.add(new RecordError(f.index(), f.eventId(), f.reason(), f.detail()));
        LOG.info(
            "Webhook event {} from {} not taken: {}: {}",
            f.index(),
            source,
            f.reason(),
            f.detail());
      }
    }
    IngestResult result = IngestResult.empty();
    if (!mapped.isEmpty()) {
      List<byte[]> events = new ArrayList<>();
      for (Mapped m : mapped) {
        events.add(Json.write(m.event()).getBytes(StandardCharsets.UTF_8));
      }
      try {
        result = sinks.apply("webhook:" + source).events(events);
      } catch (RuntimeException e) {
        LOG.warn("Webhook events from {} could not be produced", source, e);
        return new Answer(
            503,
            new ApiError(
                "unavailable", "the events could not be stored now; the provider should retry"));
      }
    }
    boolean unacknowledged = false;
    for (RecordError e : result.errors()) {
      Mapped m = e.index() >= 0 && e.index() < mapped.size() ? mapped.get(e.index()) : null;
      errors.add(
          new RecordError(
              m == null ? e.index() : m.index(),
              m == null ? e.eventId() : m.eventId(),
              e.reason(),
              e.detail()));
      unacknowledged |= e.reason().equals(NOT_ACKNOWLEDGED);
    }
    errors.sort((a, b) -> Integer.compare(a.index(), b.index()));
    int failed = errors.size();
    WebhookAnswer answer = new WebhookAnswer(result.accepted(), failed, ignored, errors);
    return new Answer(unacknowledged ? 503 : failed == 0 ? 200 : 422, answer);
  }

  private static Answer error(int status, String code, String detail) {
    return new Answer(status, new ApiError(code, detail));
  }
}
