package dev.salespulse.web.webhook;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One webhook call as received, independent of the HTTP server: what signatures are computed over.
 *
 * @param uri the full URL the provider called, as it signed it ({@code https://host/path?query})
 * @param body the raw bytes, exactly as sent (signatures cover these, not a re-serialized tree)
 * @param token the ingest token the request carries ({@code Authorization: Bearer} or {@code
 *     ?token=}), for sources whose mapping says they are unsigned
 */
public record WebhookRequest(
    String source,
    String method,
    String uri,
    Map<String, String> headers,
    byte[] body,
    Optional<String> token) {

  public WebhookRequest {
    TreeMap<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    caseless.putAll(headers);
    headers = caseless;
  }

  /** A header by name, in any case. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }
}
