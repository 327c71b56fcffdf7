package dev.salespulse.streams.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of {@code POST /api/v1/webhooks/{source}}.
 *
 * @param directory {@code SALESPULSE_WEBHOOK_DIR}: mapping files that add or replace sources
 * @param baseUrl {@code SALESPULSE_WEBHOOK_BASE_URL}: the URL providers call, as they sign it
 * @param secrets every {@code SALESPULSE_WEBHOOK_<SOURCE>_SECRET} given, by that name (a flag
 *     {@code --webhook-<source>-secret} under its variable's name); a value may list several
 *     secrets separated by commas, to rotate one
 */
public record WebhookConfig(
    Optional<Path> directory, Optional<String> baseUrl, Map<String, String> secrets) {

  public WebhookConfig {
    secrets = Map.copyOf(secrets);
  }

  /** Secrets are never printed, not even in a record's {@code toString}. */
  @Override
  public String toString() {
    return "WebhookConfig[directory="
        + directory
        + ", baseUrl="
        + baseUrl
        + ", secrets="
        + secrets.keySet()
        + "]";
  }
}
