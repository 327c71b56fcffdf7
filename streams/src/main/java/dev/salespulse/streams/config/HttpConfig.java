package dev.salespulse.streams.config;

import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The HTTP API and the read queries it serves.
 *
 * @param port {@code SALESPULSE_HTTP_PORT}; 0 picks a free port
 * @param advertisedUrl {@code SALESPULSE_ADVERTISED_URL}, host:port other instances reach this one
 *     at (empty: localhost and the port)
 * @param requestTimeout {@code SALESPULSE_REQUEST_TIMEOUT}, the deadline of every read request
 * @param queryCostLimit {@code SALESPULSE_QUERY_COST_LIMIT}, the most a read query may cost
 * @param maxConnections {@code SALESPULSE_HTTP_MAX_CONNECTIONS}, the most connections open at once
 */
public record HttpConfig(
    int port,
    Optional<String> advertisedUrl,
    Duration requestTimeout,
    int queryCostLimit,
    int maxConnections) {

  static HttpConfig from(Settings settings) {
    return new HttpConfig(
        settings.intIn(ConfigKey.HTTP_PORT, 0, 65535),
        settings.optionalValue(
            ConfigKey.ADVERTISED_URL, "host:port such as app-1:7070", HostInfo::buildFromEndpoint),
        settings.durationUpTo(ConfigKey.REQUEST_TIMEOUT, Duration.ofMinutes(5)),
        settings.intIn(ConfigKey.QUERY_COST_LIMIT, 100, 1_000_000_000),
        settings.intIn(ConfigKey.HTTP_MAX_CONNECTIONS, 16, 1_000_000));
  }
}
