package dev.salespulse.streams.config;

import java.net.URI;
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

  static WebhookConfig from(Settings settings) {
    return new WebhookConfig(
        settings.optionalValue(ConfigKey.WEBHOOK_DIR, "a directory path", Path::of).map(Path::of),
        settings.optionalValue(
            ConfigKey.WEBHOOK_BASE_URL,
            "an http(s) URL without query such as https://sales.example.com",
            WebhookConfig::baseUrl),
        settings.webhookSecrets());
  }

  /** http(s)://host[:port][/prefix], no query or fragment: a request's path is appended. */
  private static String baseUrl(String text) {
    URI uri = URI.create(text);
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("not a base URL");
    }
    return text;
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
