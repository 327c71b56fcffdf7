package dev.salespulse.web.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lag gauge's arithmetic over the tasks' offsets (the end-to-end test sees it reach 0). */
class StreamsStateMetricsTest {
  private static final TopicPartition ORDERS_0 = new TopicPartition("sales.orders", 0);
  private static final TopicPartition ORDERS_1 = new TopicPartition("sales.orders", 1);
  private static final TopicPartition ORDERS_2 = new TopicPartition("sales.orders", 2);
  private static final TopicPartition ORDERS_3 = new TopicPartition("sales.orders", 3);
  private static final TopicPartition ACTIVITIES_0 = new TopicPartition("sales.activities", 0);

  @Test
  void sumsEndMinusCommittedOverTheTopicsPartitionsOfActiveTasksOnly() {
    ThreadMetadata first =
        thread(
            Set.of(
                task(
                    0,
                    Map.of(ORDERS_0, 100L, ACTIVITIES_0, 10L),
                    Map.of(ORDERS_0, 40L, ACTIVITIES_0, 0L)),
                task(1, Map.of(ORDERS_1, 50L), Map.of(ORDERS_1, 50L))),
            Set.of(task(3, Map.of(ORDERS_3, 900L), Map.of(ORDERS_3, 0L))));
    ThreadMetadata second =
        thread(Set.of(task(2, Map.of(ORDERS_2, 30L), Map.of(ORDERS_2, 29L))), Set.of());

    assertThat(StreamsStateMetrics.lagOf("sales.orders", List.of(first, second))).isEqualTo(61);
    assertThat(StreamsStateMetrics.lagOf("sales.activities", List.of(first, second))).isEqualTo(10);
    assertThat(StreamsStateMetrics.lagOf("sales.reps", List.of(first, second))).isZero();
  }

  @Test
  void aPartitionWhoseOffsetsAreNotKnownYetAddsNothing() {
    ThreadMetadata thread =
        thread(
            Set.of(
                task(0, Map.of(ORDERS_0, 100L), Map.of(ORDERS_0, -1L)),
                task(1, Map.of(), Map.of(ORDERS_1, 5L)),
                task(2, Map.of(ORDERS_2, 7L), Map.of(ORDERS_2, 2L))),
            Set.of());

    assertThat(StreamsStateMetrics.lagOf("sales.orders", List.of(thread))).isEqualTo(5);
  }

  /**
   * operations.md: the lag is "NaN while not running"; a client that is REBALANCING (here for good:
   * its broker does not answer) has no lag to tell, and 0 would read as "caught up".
   */
  @Test
  void lagIsNaNWhileTheClientIsRebalancing(@TempDir Path stateDir) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("sales.orders").to("out");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "lag-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    KafkaStreams streams = new KafkaStreams(builder.build(), props);
    try {
      MeterRegistry registry = new SimpleMeterRegistry();
      new StreamsStateMetrics(() -> streams, List.of("sales.orders"), registry);
      streams.start();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> streams.state() == KafkaStreams.State.REBALANCING);

      assertThat(registry.get("salespulse.streams.running").gauge().value()).isZero();
      assertThat(
              registry
                  .get("salespulse.consumer.lag.records")
                  .tag("topic", "sales.orders")
                  .gauge()
                  .value())
          .isNaN();
    } finally {
      streams.close(Duration.ofSeconds(10));
    }
  }

  private static TaskMetadata task(
      int partition, Map<TopicPartition, Long> end, Map<TopicPartition, Long> committed) {
    Set<TopicPartition> partitions = new java.util.HashSet<>(end.keySet());
    partitions.addAll(committed.keySet());
    return new Task(new TaskId(0, partition), partitions, committed, end, Optional.empty());
  }

  private static ThreadMetadata thread(Set<TaskMetadata> active, Set<TaskMetadata> standby) {
    return new Thread("RUNNING", "t", active, standby, "c", "r", Set.of(), "a");
  }

  private record Task(
      TaskId taskId,
      Set<TopicPartition> topicPartitions,
      Map<TopicPartition, Long> committedOffsets,
      Map<TopicPartition, Long> endOffsets,
      Optional<Long> timeCurrentIdlingStarted)
      implements TaskMetadata {}

  private record Thread(
      String threadState,
      String threadName,
      Set<TaskMetadata> activeTasks,
      Set<TaskMetadata> standbyTasks,
      String consumerClientId,
      String restoreConsumerClientId,
      Set<String> producerClientIds,
      String adminClientId)
      implements ThreadMetadata {}
}
