package dev.salespulse.web;

import dev.salespulse.streams.config.SalesPulseConfig;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a start says about who can reach the figures, so that an open deployment is a decision and
 * not an accident: the service with no viewer token against a real cluster, {@code /metrics} open
 * next to a guarded read API, instances that cannot ask each other. The demo's embedded broker is a
 * machine of its own, and says nothing.
 */
final class AccessWarnings {
  private static final Logger LOG = LoggerFactory.getLogger(AccessWarnings.class);

  private AccessWarnings() {}

  static void log(SalesPulseConfig config) {
    boolean realCluster = config.kafka().bootstrapServers().isPresent();
    if (config.access().viewerToken().isEmpty()) {
      if (realCluster) {
        List<String> open = new ArrayList<>(List.of("the dashboard", "the read API", "/ws/live"));
        if (config.access().clusterToken().isEmpty()) {
          open.add("the calls between instances");
        }
        if (config.access().metricsToken().isEmpty()) {
          open.add("/metrics");
        }
        LOG.warn(
            "SALESPULSE_VIEWER_TOKEN is unset: {} and {} are open to anyone who can reach port {}."
                + " Set SALESPULSE_VIEWER_TOKEN (and SALESPULSE_CLUSTER_TOKEN,"
                + " SALESPULSE_METRICS_TOKEN) unless only trusted clients can reach it.",
            String.join(", ", open.subList(0, open.size() - 1)),
            open.get(open.size() - 1),
            config.http().port());
      }
    } else {
      if (config.access().metricsToken().isEmpty()) {
        LOG.warn(
            "SALESPULSE_METRICS_TOKEN is unset: /metrics is open to anyone who can reach the"
                + " service, and its business gauges (revenue, orders, attainment by company,"
                + " region and team{}) show what the viewer token guards. Set"
                + " SALESPULSE_METRICS_TOKEN and give it to Prometheus.",
            config.metrics().repLevel() ? ", and rep" : "");
      }
      if (config.access().clusterToken().isEmpty()) {
        // An advertised address is what other instances call: then they will be refused.
        String message =
            "SALESPULSE_CLUSTER_TOKEN is unset while SALESPULSE_VIEWER_TOKEN is set: the calls"
                + " between instances are refused (403), which one instance alone does not need;"
                + " several instances need the same SALESPULSE_CLUSTER_TOKEN, or their queries"
                + " answer 503.";
        if (config.http().advertisedUrl().isPresent()) {
          LOG.warn(message);
        } else {
          LOG.info(message);
        }
      }
    }
  }
}
