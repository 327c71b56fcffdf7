package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dashboards/prometheus checked by Prometheus's own tool: the configuration and the rules are
 * valid, and {@code promtool test rules} passes the unit tests of the alerts, of which there is one
 * for every alert.
 */
@Tag("slow")
class PromtoolTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final Pattern ALERT = Pattern.compile("(?m)^\\s*- alert: (\\S+)");
  private static final Pattern ALERT_NAME_TESTED = Pattern.compile("(?m)^\\s*alertname: (\\S+)");

  private final ExternalTool promtool = ExternalTool.require("promtool", "prometheus");
  private final Path prometheus = RepoFiles.dashboards().resolve("prometheus");

  /**
   * promtool also checks that the metrics token's file exists: checked in a copy, with the file
   * where docker/compose.yaml writes it (the repository holds no secret).
   */
  @Test
  void configurationIsValidAndFindsTheRules(@TempDir Path copy) throws IOException {
    Files.copy(prometheus.resolve("prometheus.yml"), copy.resolve("prometheus.yml"));
    Files.createDirectories(copy.resolve("rules"));
    for (Path rules : ruleFiles()) {
      Files.copy(rules, copy.resolve("rules").resolve(rules.getFileName()));
    }
    Files.writeString(
        Files.createDirectories(copy.resolve("secrets")).resolve("metrics-token"), "a-token");

    ExternalTool.Result result = promtool.run(copy, TIMEOUT, "check", "config", "prometheus.yml");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS: 2 rule files found");
  }

  @Test
  void rulesAreValid() {
    List<String> arguments = new java.util.ArrayList<>(List.of("check", "rules"));
    ruleFiles().forEach(file -> arguments.add(prometheus.relativize(file).toString()));
    ExternalTool.Result result =
        promtool.run(prometheus, TIMEOUT, arguments.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).doesNotContain("FAILED");
  }

  @Test
  void alertUnitTestsPass() {
    List<String> arguments = new java.util.ArrayList<>(List.of("test", "rules"));
    testFiles().forEach(file -> arguments.add(prometheus.relativize(file).toString()));
    ExternalTool.Result result =
        promtool.run(prometheus, TIMEOUT, arguments.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).doesNotContain("FAILED");
  }

  @Test
  void everyAlertHasAUnitTest() {
    Set<String> alerts = matches(ALERT, ruleFiles());
    Set<String> tested = matches(ALERT_NAME_TESTED, testFiles());
    assertThat(alerts)
        .contains(
            "SalesBehindPace",
            "SalesNoOrders",
            "SalesPulseDeadLetters",
            "SalesPulseEventsStale",
            "SalesPulseConsumerLagGrowing",
            "SalesPulseStreamsNotRunning",
            "SalesPulseInstanceDown");
    assertThat(tested).containsAll(alerts);
  }

  private List<Path> ruleFiles() {
    return yamlFiles(prometheus.resolve("rules"));
  }

  private List<Path> testFiles() {
    return yamlFiles(prometheus.resolve("tests"));
  }

  private static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> yaml = files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
      assertThat(yaml).as("YAML files in %s", dir).isNotEmpty();
      return yaml;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Set<String> matches(Pattern pattern, List<Path> files) {
    Set<String> found = new TreeSet<>();
    for (Path file : files) {
      try {
        Matcher matcher = pattern.matcher(Files.readString(file));
        while (matcher.find()) {
          found.add(matcher.group(1));
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return found;
  }
}
