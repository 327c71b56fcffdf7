package dev.salespulse.web.http;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The most connections the HTTP server keeps open ({@code SALESPULSE_HTTP_MAX_CONNECTIONS}). A
 * client that opens connection after connection and never closes them would otherwise take every
 * file the process may open, and the state stores and the Kafka clients need files too: at the
 * limit Jetty stops accepting (new connections wait in the operating system's queue) and closes
 * idle ones sooner, so the service keeps counting and serving the connections it has.
 */
final class ConnectionCap {
  /**
   * Idle time after which connections are closed while at the limit: longer than the 25 s of
   * silence after which a page reconnects (the live feed sends at least every 10 s), so live
   * wallboards keep their sessions even when a push is slow.
   */
  static final Duration IDLE_WHEN_FULL = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionCap.class);

  private ConnectionCap() {}

  /** Caps the server's connections at {@code max}, or half the open-file limit if lower. */
  static void apply(Server server, int max) {
    int cap = capped(max, openFileLimit());
    if (cap < max) {
      LOG.warn(
          "At most {} HTTP connections, not SALESPULSE_HTTP_MAX_CONNECTIONS={}: this process may"
              + " open {} files, and half of them stay for the state stores and Kafka clients",
          cap,
          max,
          openFileLimit());
    }
    NetworkConnectionLimit limit = new NetworkConnectionLimit(cap, server);
    limit.setEndPointIdleTimeout(IDLE_WHEN_FULL.toMillis());
    server.addBean(limit);
  }

  /** {@code max}, lowered to half {@code openFiles} where known and smaller (never below 16). */
  static int capped(int max, long openFiles) {
    if (openFiles <= 0) {
      return max;
    }
    return (int) Math.max(16, Math.min(max, openFiles / 2));
  }

  /** The process's open-file limit, or -1 where the platform does not say. */
  private static long openFileLimit() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
  }
}
