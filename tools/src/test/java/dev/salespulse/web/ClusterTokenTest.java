package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.salespulse.tools.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances with a viewer token ask each other with the cluster token: each answers the whole
 * cluster's figures to a viewer, while the viewer's own token cannot ask an instance for its
 * partial sums.
 */
@Tag("slow")
class ClusterTokenTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T16:00:00Z"), ZoneOffset.UTC);
  private static final int ORDERS = 40;
  private static final String VIEWER = "viewer-a81f";
  private static final String CLUSTER = "cluster-5be2";

  @Test
  void instancesAskEachOtherWithTheClusterTokenAndNotTheViewers(@TempDir Path dir)
      throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0)) {
      Map<String, String> settings =
          Map.of(
              "SALESPULSE_BOOTSTRAP_SERVERS",
              broker.bootstrapServers(),
              "SALESPULSE_TOPIC_PARTITIONS",
              "4",
              "SALESPULSE_VIEWER_TOKEN",
              VIEWER,
              "SALESPULSE_CLUSTER_TOKEN",
              CLUSTER);
      try (RunningApp first = RunningApp.start(dir.resolve("first"), CLOCK, settings);
          RunningApp second = RunningApp.start(dir.resolve("second"), CLOCK, settings)) {
        RunningApp.awaitGroupOf(broker.bootstrapServers(), 2);
        first.awaitReady();
        second.awaitReady();
        first.sendOrders(ORDERS, 8, "2026-11-26T15:00:00Z");

        // Orders on every partition: each instance's answer adds the other's partial sums.
        for (RunningApp app : List.of(first, second)) {
          await().atMost(Duration.ofSeconds(60)).until(() -> companyOrders(app) == ORDERS);
        }
        String partial =
            "/internal/v1/partials/sum?scope=company:all&period=today"
                + "&from=2026-11-26T00:00:00Z&to=2026-11-27T00:00:00Z&days=2026-11-26";
        assertThat(first.send("GET", partial, "application/json", new byte[0], VIEWER).statusCode())
            .isEqualTo(403);
        assertThat(first.get(partial + "&token=" + VIEWER).statusCode()).isEqualTo(403);
        assertThat(first.get(partial).statusCode()).isEqualTo(401);
        assertThat(
                first.send("GET", partial, "application/json", new byte[0], CLUSTER).statusCode())
            .isEqualTo(200);
      }
    }
  }

  private static long companyOrders(RunningApp app) {
    var answer = app.get("/api/v1/kpis?scope=company:all&period=today&token=" + VIEWER);
    return answer.statusCode() == 200
        ? app.parse(answer.body()).get("kpis").get("orders").asLong()
        : -1;
  }
}
