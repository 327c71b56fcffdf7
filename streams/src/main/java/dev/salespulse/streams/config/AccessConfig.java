package dev.salespulse.streams.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who may do what: one token per role, and the web origins whose pages may open the live feed.
 *
 * @param viewerToken {@code SALESPULSE_VIEWER_TOKEN}: the read API and {@code /ws/live}
 * @param ingestToken {@code SALESPULSE_INGEST_TOKEN}: the write routes (unset: HTTP ingest off)
 * @param clusterToken {@code SALESPULSE_CLUSTER_TOKEN}: the calls between instances
 * @param metricsToken {@code SALESPULSE_METRICS_TOKEN}: {@code /metrics}
 * @param allowedOrigins {@code SALESPULSE_ALLOWED_ORIGINS}, lower-cased
 */
public record AccessConfig(
    Optional<String> viewerToken,
    Optional<String> ingestToken,
    Optional<String> clusterToken,
    Optional<String> metricsToken,
    List<String> allowedOrigins) {

  public AccessConfig {
    allowedOrigins = List.copyOf(allowedOrigins);
  }

  static AccessConfig from(Settings settings) {
    return new AccessConfig(
        settings.optional(ConfigKey.VIEWER_TOKEN),
        settings.optional(ConfigKey.INGEST_TOKEN),
        settings.optional(ConfigKey.CLUSTER_TOKEN),
        settings.optional(ConfigKey.METRICS_TOKEN),
        settings.value(
            ConfigKey.ALLOWED_ORIGINS,
            "origins such as https://tv.example.com,http://wall.local:8080 (scheme, host, port;"
                + " no path)",
            AccessConfig::origins));
  }

  /**
   * The tokens' values are never printed (a token set shows as {@code Optional[***]}), not even in
   * a record's {@code toString}.
   */
  @Override
  public String toString() {
    return "AccessConfig[viewerToken="
        + masked(viewerToken)
        + ", ingestToken="
        + masked(ingestToken)
        + ", clusterToken="
        + masked(clusterToken)
        + ", metricsToken="
        + masked(metricsToken)
        + ", allowedOrigins="
        + allowedOrigins
        + "]";
  }

  private static Optional<String> masked(Optional<String> token) {
    return token.map(secret -> "***");
  }

  /**
   * Each role's token opens only its own routes, so no two may be the same: whoever may read the
   * figures must not be able to write them, scrape the service or pose as an instance.
   */
  void requireDistinctTokens() {
    Map<ConfigKey, Optional<String>> tokens = new LinkedHashMap<>();
    tokens.put(ConfigKey.VIEWER_TOKEN, viewerToken);
    tokens.put(ConfigKey.INGEST_TOKEN, ingestToken);
    tokens.put(ConfigKey.CLUSTER_TOKEN, clusterToken);
    tokens.put(ConfigKey.METRICS_TOKEN, metricsToken);
    Map<String, ConfigKey> seen = new HashMap<>();
    tokens.forEach(
        (key, token) ->
            token.ifPresent(
                value -> {
                  ConfigKey first = seen.putIfAbsent(value, key);
                  if (first != null) {
                    throw new ConfigException(
                        key.env()
                            + " must differ from "
                            + first.env()
                            + ": each role's token opens only its own routes, so whoever may"
                            + " read the figures cannot write them, scrape the service or pose as"
                            + " an instance.");
                  }
                }));
  }

  /** Web origins ({@code scheme://host[:port]}), lower-cased as browsers send them. */
  static List<String> origins(String text) {
    List<String> origins = new ArrayList<>();
    for (String entry : text.split(",")) {
      String origin = entry.trim();
      if (origin.isEmpty()) {
        continue;
      }
      URI uri = URI.create(origin);
      boolean web =
          "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
      if (!web
          || uri.getHost() == null
          || uri.getUserInfo() != null
          || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        throw new IllegalArgumentException("not an origin: " + origin);
      }
      origins.add(origin.toLowerCase(Locale.ROOT));
    }
    return origins;
  }
}
