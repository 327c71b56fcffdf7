package dev.salespulse.web.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

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
