package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scrapes a running SalesPulse with the rules of dashboards/prometheus loaded and
 * the metrics token, as that configuration sends it (a scrape without it is refused): it reads the
 * very revenue the REST API answers, every rule evaluates without error on real metrics, and every
 * query of the Grafana dashboards runs and reads metrics that exist.
 *
 * <p>Scrapes and rule evaluations run every second here (15 s in dashboards/prometheus); the
 * business gauges are refreshed by SalesPulse every 15 s, which bounds how long the first check
 * waits.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusScrapeTest {
  /** Thursday 17:00 in Berlin... and 16:00 in UTC, the business time zone here: business hours. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T16:00:00Z"), ZoneOffset.UTC);

  private static final String REVENUE_QUERY =
      "salespulse_revenue{scope=\"company:all\",period=\"today\"}";
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String TOKEN = "metrics-token-for-prometheus";

  private RunningApp running;
  private PrometheusServer prometheus;
  private BigDecimal expectedRevenue = BigDecimal.ZERO;

  @BeforeAll
  void startSalesPulseAndPrometheus(@TempDir Path dir) throws IOException {
    running =
        RunningApp.start(dir.resolve("app"), CLOCK, Map.of("SALESPULSE_METRICS_TOKEN", TOKEN));
    running.awaitReady();
    String reps = running.topics.reps().name();
    running.producer.send(
        new ProducerRecord<>(
            reps,
            "rep-1",
            "{\"repId\":\"rep-1\",\"name\":\"Ada Park\",\"teamId\":\"team-north\",\"region\":\"EMEA\",\"active\":true}"));
    running.producer.send(
        new ProducerRecord<>(
            reps,
            "rep-2",
            "{\"repId\":\"rep-2\",\"name\":\"Bo Li\",\"teamId\":\"team-south\",\"region\":\"APAC\",\"active\":true}"));
    running.producer.send(
        new ProducerRecord<>(
            running.topics.targets().name(),
            "COMPANY:all:DAY:REVENUE",
            "{\"scope\":\"COMPANY\",\"scopeId\":\"all\",\"period\":\"DAY\",\"metric\":\"REVENUE\",\"value\":5000}"));
    running.producer.flush();
    await()
        .atMost(WAIT)
        .until(
            () ->
                "Bo Li"
                    .equals(running.getJson("/api/v1/kpis?scope=rep:rep-2").path("name").asText()));
    for (int i = 0; i < 30; i++) {
      BigDecimal amount = new BigDecimal("17.05").add(new BigDecimal(i).movePointLeft(2));
      expectedRevenue = expectedRevenue.add(amount);
      String json =
          "{\"eventId\":\"e-%d\",\"type\":\"ORDER_PLACED\",\"orderId\":\"o-%d\",\"occurredAt\":\"2026-11-26T10:%02d:00Z\",\"repId\":\"rep-%d\",\"currency\":\"USD\",\"amount\":%s}"
              .formatted(i, i, i, 1 + i % 2, amount.toPlainString());
      running.producer.send(new ProducerRecord<>(running.topics.orders().name(), "o-" + i, json));
    }
    running.producer.send(new ProducerRecord<>(running.topics.orders().name(), "x", "not json"));
    running.producer.flush();

    // As dashboards/prometheus/prometheus.yml takes it: a file next to the configuration.
    Path prometheusDir = Files.createDirectories(dir.resolve("prometheus"));
    Files.writeString(
        Files.createDirectories(prometheusDir.resolve("secrets")).resolve("metrics-token"), TOKEN);
    prometheus = PrometheusServer.start(prometheusDir, config());
  }

  private String config() {
    StringBuilder yaml =
        new StringBuilder(
            """
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
            """);
    for (Path rules : ruleFiles()) {
      yaml.append("  - ").append(rules.toAbsolutePath()).append('\n');
    }
    yaml.append(
        """
        scrape_configs:
          - job_name: salespulse
            authorization:
              credentials_file: secrets/metrics-token
            static_configs:
              - targets: ["localhost:%d"]
          - job_name: anonymous
            static_configs:
              - targets: ["localhost:%d"]
        """
            .formatted(running.app.httpPort(), running.app.httpPort()));
    return yaml.toString();
  }

  private static List<Path> ruleFiles() {
    try (Stream<Path> files = Files.list(RepoFiles.dashboards().resolve("prometheus/rules"))) {
      return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (running != null) {
      running.close();
    }
  }

  @Test
  void prometheusReadsTheRevenueTheApiGives() {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              BigDecimal api =
                  running
                      .getJson("/api/v1/kpis?scope=company:all&period=today")
                      .path("kpis")
                      .path("revenue")
                      .decimalValue();
              assertThat(api).isEqualByComparingTo(expectedRevenue);
              JsonNode result = prometheus.query(REVENUE_QUERY);
              assertThat(result).as("series of %s", REVENUE_QUERY).hasSize(1);
              assertThat(new BigDecimal(result.get(0).path("value").get(1).asText()))
                  .isEqualByComparingTo(api);
              JsonNode recorded =
                  prometheus.query(
                      "scope_period:salespulse_revenue:max{scope=\"company:all\",period=\"today\"}");
              assertThat(recorded).hasSize(1);
              assertThat(new BigDecimal(recorded.get(0).path("value").get(1).asText()))
                  .isEqualByComparingTo(api);
            });
  }

  @Test
  void onlyAScrapeWithTheMetricsTokenIsAnswered() {
    assertThat(running.get("/metrics").statusCode()).isEqualTo(401);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Map<String, String> health = new java.util.TreeMap<>();
              Map<String, String> errors = new java.util.TreeMap<>();
              for (JsonNode target :
                  prometheus.api("/api/v1/targets").path("data").path("activeTargets")) {
                String job = target.path("labels").path("job").asText();
                health.put(job, target.path("health").asText());
                errors.put(job, target.path("lastError").asText());
              }
              assertThat(health).containsEntry("salespulse", "up");
              assertThat(health).containsEntry("anonymous", "down");
              assertThat(errors.get("anonymous")).contains("401");
            });
  }

  @Test
  void everyRuleEvaluatesWithoutErrorOnMetricsSalesPulseExposes() {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              List<String> queries = new ArrayList<>();
              JsonNode groups = prometheus.api("/api/v1/rules").path("data").path("groups");
              for (JsonNode group : groups) {
                for (JsonNode rule : group.path("rules")) {
                  assertThat(rule.path("health").asText())
                      .as("health of %s: %s", rule.path("name"), rule.path("lastError"))
                      .isEqualTo("ok");
                  queries.add(rule.path("query").asText());
                }
              }
              assertThat(queries).hasSize(rulesInFiles());
              assertThat(missingMetrics(queries)).as("metrics without samples").isEmpty();
            });
  }

  @Test
  void everyDashboardQueryRunsAndReadsMetricsThatExist() {
    List<String> queries = new ArrayList<>();
    for (DashboardFiles.Query query : DashboardFiles.queries()) {
      String expr =
          DashboardFiles.selectorOf(query.expr())
              .replace("$__rate_interval", "1m")
              .replace("$period", "today")
              .replace("$team", "team:.+");
      assertThat(expr).as("%s / %s", query.dashboard(), query.panel()).doesNotContain("$");
      prometheus.query(expr);
      queries.add(expr);
    }
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(missingMetrics(queries)).as("metrics without samples").isEmpty());
  }

  /** Rules ({@code - record:} and {@code - alert:} entries) in the repository's rule files. */
  private static int rulesInFiles() {
    Pattern rule = Pattern.compile("(?m)^\\s*- (record|alert): ");
    int rules = 0;
    for (Path file : ruleFiles()) {
      try {
        rules += (int) rule.matcher(Files.readString(file)).results().count();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return rules;
  }

  private Set<String> missingMetrics(List<String> queries) {
    Set<String> missing = new TreeSet<>();
    queries.forEach(query -> missing.addAll(PromQl.metricNames(query)));
    missing.removeAll(prometheus.metricNames());
    return missing;
  }
}
