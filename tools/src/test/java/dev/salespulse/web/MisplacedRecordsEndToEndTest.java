package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A careless producer on a real broker with four partitions: events sent under another key or none
 * land in partitions other than their orderId's or repId's. Each still counts once, a retry under
 * the right key is still a duplicate, and a refund under another key still finds its order.
 */
@Tag("slow")
class MisplacedRecordsEndToEndTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T22:30:00Z"), ZoneOffset.UTC);
  private static final int PARTITIONS = 4;
  private static final String ORDER_ID = "order-7";
  private static final String REP_ID = "rep-3";

  @Test
  void eventsUnderAnotherKeyCountOnceAndCorrectionsFindTheirOrder(@TempDir Path dataDir) {
    try (RunningApp running =
        RunningApp.start(
            dataDir, CLOCK, Map.of("SALESPULSE_TOPIC_PARTITIONS", Integer.toString(PARTITIONS)))) {
      running.awaitReady();
      String orders = running.topics.orders().name();
      String activities = running.topics.activities().name();
      String placed =
          "{\"eventId\":\"e-1\",\"type\":\"ORDER_PLACED\",\"orderId\":\""
              + ORDER_ID
              + "\",\"occurredAt\":\"2026-11-26T10:00:00Z\",\"repId\":\""
              + REP_ID
              + "\",\"currency\":\"USD\",\"amount\":120.40}";
      String call =
          "{\"eventId\":\"a-1\",\"type\":\"CALL\",\"repId\":\""
              + REP_ID
              + "\",\"occurredAt\":\"2026-11-26T10:05:00Z\",\"outcome\":\"CONNECTED\"}";
      String elsewhere = keyOfAnotherPartitionThan(ORDER_ID);

      // The same event three times: under a key of another partition, under its orderId, with
      // no key; the call with no key, then under its repId, then under the orderId's partition.
      running.producer.send(new ProducerRecord<>(orders, elsewhere, placed));
      running.producer.send(new ProducerRecord<>(orders, ORDER_ID, placed));
      running.producer.send(new ProducerRecord<>(orders, null, placed));
      running.producer.send(new ProducerRecord<>(activities, null, call));
      running.producer.send(new ProducerRecord<>(activities, REP_ID, call));
      running.producer.send(
          new ProducerRecord<>(activities, keyOfAnotherPartitionThan(REP_ID), call));
      running.producer.flush();

      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                JsonNode kpis = companyToday(running);
                assertThat(kpis.get("orders").asLong()).isEqualTo(1);
                assertThat(kpis.get("calls").asLong()).isEqualTo(1);
              });
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(metric(running, "salespulse_events_duplicate_total")).isEqualTo(4));
      assertThat(metric(running, "salespulse_events_rekeyed_total")).isGreaterThanOrEqualTo(2);

      String refund =
          "{\"eventId\":\"e-2\",\"type\":\"ORDER_REFUNDED\",\"orderId\":\""
              + ORDER_ID
              + "\",\"occurredAt\":\"2026-11-26T11:00:00Z\",\"amount\":20.15}";
      running.producer.send(new ProducerRecord<>(orders, elsewhere, refund));
      running.producer.flush();

      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(companyToday(running).get("revenue").decimalValue())
                      .isEqualByComparingTo(new BigDecimal("100.25")));
      JsonNode kpis = companyToday(running);
      assertThat(kpis.get("orders").asLong()).isEqualTo(1);
      assertThat(kpis.get("calls").asLong()).isEqualTo(1);
      assertThat(metric(running, "salespulse_events_rejected_total")).isZero();
      assertThat(metric(running, "salespulse_events_processed_total")).isEqualTo(7);
    }
  }

  private static JsonNode companyToday(RunningApp running) {
    return running.getJson("/api/v1/kpis?scope=company:all&period=today").get("kpis");
  }

  /** The sum of a counter's series in the instance's {@code /metrics}. */
  private static double metric(RunningApp running, String name) {
    return running
        .get("/metrics")
        .body()
        .lines()
        .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** A key that Kafka's default partitioner puts in another partition than this one. */
  private static String keyOfAnotherPartitionThan(String key) {
    int partition = partitionOf(key);
    return IntStream.range(0, 100)
        .mapToObj(i -> "elsewhere-" + i)
        .filter(candidate -> partitionOf(candidate) != partition)
        .findFirst()
        .orElseThrow();
  }

  private static int partitionOf(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
  }
}
