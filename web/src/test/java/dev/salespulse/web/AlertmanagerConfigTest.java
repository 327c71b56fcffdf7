package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The example Alertmanager configuration is valid for Alertmanager's own tool, and routes the
 * alerts of dashboards/prometheus/rules to the receivers its comments promise.
 */
@Tag("slow")
class AlertmanagerConfigTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(1);
  private final ExternalTool amtool = ExternalTool.require("amtool", "prometheus-alertmanager");
  private final Path dir = RepoFiles.dashboards().resolve("alertmanager");

  @Test
  void configurationIsValid() {
    ExternalTool.Result result = amtool.run(dir, TIMEOUT, "check-config", "alertmanager.yml");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void salesAlertsGoToSalesManagersAndCriticalServiceAlertsToThePager() {
    assertRoutedTo("sales-managers", "alertname=SalesBehindPace", "audience=sales");
    assertRoutedTo(
        "operators-pager", "alertname=SalesPulseInstanceDown", "audience=ops", "severity=critical");
    assertRoutedTo(
        "operators", "alertname=SalesPulseDeadLetters", "audience=ops", "severity=warning");
  }

  private void assertRoutedTo(String receiver, String... labels) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "config",
                "routes",
                "test",
                "--config.file=alertmanager.yml",
                "--verify.receivers=" + receiver));
    arguments.addAll(List.of(labels));
    ExternalTool.Result result = amtool.run(dir, TIMEOUT, arguments.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains(receiver);
  }
}
