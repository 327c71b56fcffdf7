package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.salespulse.streams.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What a start logs about who can reach the figures: an open service against a real cluster, an
 * open {@code /metrics} next to a viewer token, and instances that will refuse each other.
 */
class AccessWarningsTest {
  private static final String CLUSTER = "kafka-1:9092";

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(AccessWarnings.class);

  @BeforeEach
  void listen() {
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void stop() {
    logger.detachAppender(log);
  }

  @Test
  void warnsThatAServiceWithoutViewerTokenOnARealClusterIsOpenToAnyone() {
    AccessWarnings.log(
        ConfigLoader.load(
            Map.of("SALESPULSE_BOOTSTRAP_SERVERS", CLUSTER, "SALESPULSE_HTTP_PORT", "8080"),
            Map.of()));

    assertThat(log.list).hasSize(1);
    assertThat(log.list.get(0).getLevel()).isEqualTo(Level.WARN);
    assertThat(log.list.get(0).getFormattedMessage())
        .isEqualTo(
            "SALESPULSE_VIEWER_TOKEN is unset: the dashboard, the read API, /ws/live, the calls"
                + " between instances and /metrics are open to anyone who can reach port 8080."
                + " Set SALESPULSE_VIEWER_TOKEN (and SALESPULSE_CLUSTER_TOKEN,"
                + " SALESPULSE_METRICS_TOKEN) unless only trusted clients can reach it.");
  }

  @Test
  void namesOnlyWhatIsOpenWhenTheOtherRolesHaveTokens() {
    AccessWarnings.log(
        ConfigLoader.load(
            Map.of(
                "SALESPULSE_BOOTSTRAP_SERVERS", CLUSTER,
                "SALESPULSE_CLUSTER_TOKEN", "c",
                "SALESPULSE_METRICS_TOKEN", "m"),
            Map.of()));

    assertThat(onlyLine())
        .startsWith(
            "WARN SALESPULSE_VIEWER_TOKEN is unset: the dashboard, the read API and /ws/live are"
                + " open to anyone who can reach port 7070.");
  }

  @Test
  void saysNothingForTheDemosEmbeddedBroker() {
    AccessWarnings.log(ConfigLoader.load(Map.of(), Map.of()));

    assertThat(log.list).isEmpty();
  }

  @Test
  void warnsThatMetricsShowTheFiguresTheViewerTokenGuards() {
    AccessWarnings.log(
        ConfigLoader.load(
            Map.of(
                "SALESPULSE_BOOTSTRAP_SERVERS", CLUSTER,
                "SALESPULSE_VIEWER_TOKEN", "v",
                "SALESPULSE_CLUSTER_TOKEN", "c"),
            Map.of()));

    assertThat(onlyLine())
        .startsWith("WARN SALESPULSE_METRICS_TOKEN is unset: /metrics is open to anyone")
        .contains("business gauges");
  }

  @Test
  void warnsThatInstancesWithAViewerTokenButNoClusterTokenRefuseEachOther() {
    AccessWarnings.log(
        ConfigLoader.load(
            Map.of(
                "SALESPULSE_BOOTSTRAP_SERVERS", CLUSTER,
                "SALESPULSE_VIEWER_TOKEN", "v",
                "SALESPULSE_METRICS_TOKEN", "m",
                "SALESPULSE_ADVERTISED_URL", "app-1:7070"),
            Map.of()));

    assertThat(onlyLine())
        .startsWith(
            "WARN SALESPULSE_CLUSTER_TOKEN is unset while SALESPULSE_VIEWER_TOKEN is set: the"
                + " calls between instances are refused (403)");
  }

  @Test
  void saysNothingWhenEveryRoleHasItsToken() {
    AccessWarnings.log(
        ConfigLoader.load(
            Map.of(
                "SALESPULSE_BOOTSTRAP_SERVERS", CLUSTER,
                "SALESPULSE_VIEWER_TOKEN", "v",
                "SALESPULSE_CLUSTER_TOKEN", "c",
                "SALESPULSE_METRICS_TOKEN", "m"),
            Map.of()));

    assertThat(log.list).isEmpty();
  }

  /** The one line logged, as its level and message. */
  private String onlyLine() {
    assertThat(log.list).hasSize(1);
    return log.list.get(0).getLevel() + " " + log.list.get(0).getFormattedMessage();
  }
}
