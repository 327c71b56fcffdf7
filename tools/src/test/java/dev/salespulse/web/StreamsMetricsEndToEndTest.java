package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.salespulse.tools.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka Streams gauges on a real restart: SalesPulse processes some orders and stops; while it
 * is down a backlog is produced and its local state is deleted; on the next start the stores are
 * restored from their changelogs ({@code salespulse_restore_*}), the backlog shows as consumer lag
 * of {@code sales.orders} that goes back to zero, and the streams report RUNNING.
 */
@Tag("slow")
class StreamsMetricsEndToEndTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T16:00:00Z"), ZoneOffset.UTC);
  private static final String OCCURRED_AT = "2026-11-26T15:00:00Z";
  private static final int FIRST_RUN = 500;
  private static final int BACKLOG = 20_000;
  private static final String ORDERS_LAG =
      "salespulse_consumer_lag_records{topic=\"sales.orders\"}";

  @Test
  void restoreLagAndStateAreReportedAcrossARestartWithoutLocalState(@TempDir Path dir) {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0)) {
      Path appDir = dir.resolve("app");
      Map<String, String> settings =
          Map.of("SALESPULSE_BOOTSTRAP_SERVERS", broker.bootstrapServers());
      try (RunningApp first = RunningApp.start(appDir, CLOCK, settings)) {
        first.awaitReady();
        double sentAt = System.currentTimeMillis() / 1000.0;
        sendOrders(first, 0, FIRST_RUN);
        awaitCompanyOrders(first, FIRST_RUN);
        Scrape running = Scrape.parse(first.get("/metrics").body());
        assertThat(running.value("salespulse_streams_running")).hasValue(1.0);
        // The gauges show the orders, so they were read after the orders were sent.
        assertThat(running.value("salespulse_business_gauges_refreshed_timestamp_seconds"))
            .hasValueSatisfying(refreshed -> assertThat(refreshed).isGreaterThanOrEqualTo(sentAt));
        assertThat(running.value(ORDERS_LAG)).hasValue(0.0);
        sendOrders(first, FIRST_RUN, BACKLOG);
      }
      deleteRecursively(appDir.resolve("state"));

      try (RunningApp second = RunningApp.start(appDir, CLOCK, settings)) {
        // The lag while catching up is transient (how long it stays above 0 depends on the
        // machine's speed), so its arithmetic is unit-tested (StreamsStateMetricsTest); here the
        // lag of a real restart must settle at 0 once every record is counted.
        await()
            .atMost(Duration.ofSeconds(180))
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(
                () ->
                    assertThat(Scrape.parse(second.get("/metrics").body()).value(COMPANY_ORDERS))
                        .hasValue((double) FIRST_RUN + BACKLOG));
        Scrape caughtUp = Scrape.parse(second.get("/metrics").body());
        assertThat(caughtUp.value(ORDERS_LAG)).hasValue(0.0);
        assertThat(caughtUp.value("salespulse_streams_running")).hasValue(1.0);
        assertThat(caughtUp.value("salespulse_restore_records_total").orElseThrow())
            .as("records restored from changelogs")
            .isPositive();
        assertThat(caughtUp.value("salespulse_restore_remaining_records")).hasValue(0.0);
        assertThat(caughtUp.value("salespulse_restore_partitions")).hasValue(0.0);
      }
    }
  }

  private static final String COMPANY_ORDERS =
      "salespulse_orders{period=\"today\",scope=\"company:all\"}";

  private static void awaitCompanyOrders(RunningApp running, int orders) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(Scrape.parse(running.get("/metrics").body()).value(COMPANY_ORDERS))
                    .hasValue((double) orders));
  }

  private static void sendOrders(RunningApp running, int from, int count) {
    for (int i = from; i < from + count; i++) {
      String json =
          "{\"eventId\":\"e-%d\",\"type\":\"ORDER_PLACED\",\"orderId\":\"o-%d\",\"occurredAt\":\"%s\",\"repId\":\"rep-%d\",\"currency\":\"USD\",\"amount\":5}"
              .formatted(i, i, OCCURRED_AT, i % 20);
      running.producer.send(new ProducerRecord<>(running.topics.orders().name(), "o-" + i, json));
    }
    running.producer.flush();
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
