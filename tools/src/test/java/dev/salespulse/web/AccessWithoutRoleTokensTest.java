package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * With only a viewer token set: the calls between instances are refused to everyone (the viewer
 * token never opens them, and they must not be the way around it), and {@code /metrics}, whose
 * token is optional, stays open.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessWithoutRoleTokensTest {
  private static final String VIEWER = "viewer-only-3c9d";
  private static final String PARTIAL =
      "/internal/v1/partials/sum?scope=company:all&period=today"
          + "&from=2026-11-26T00:00:00Z&to=2026-11-27T00:00:00Z&days=2026-11-26";

  private RunningApp running;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    running =
        RunningApp.start(dataDir, Clock.systemUTC(), Map.of("SALESPULSE_VIEWER_TOKEN", VIEWER));
    running.awaitReady();
  }

  @AfterAll
  void stop() {
    if (running != null) {
      running.close();
    }
  }

  @Test
  void shouldRefuseTheCallsBetweenInstancesToEveryoneWithoutAClusterToken() {
    HttpResponse<String> anonymous = running.get(PARTIAL);
    HttpResponse<String> viewer =
        running.send("GET", PARTIAL, "application/json", new byte[0], VIEWER);

    assertThat(anonymous.statusCode()).isEqualTo(403);
    assertThat(viewer.statusCode()).isEqualTo(403);
    assertThat(running.get(PARTIAL + "&token=" + VIEWER).statusCode()).isEqualTo(403);
    assertThat(running.parse(viewer.body()).get("detail").asText())
        .contains("SALESPULSE_CLUSTER_TOKEN");
    assertThat(running.get("/api/v1/kpis?scope=company:all&token=" + VIEWER).statusCode())
        .as("the read API with the viewer token")
        .isEqualTo(200);
  }

  @Test
  void shouldLeaveMetricsOpenWithoutAMetricsToken() {
    HttpResponse<String> scrape = running.get("/metrics");

    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body()).contains("salespulse_business_gauges_refreshed_timestamp_seconds");
  }
}
