package dev.salespulse.web.cluster;

import dev.salespulse.streams.query.StoresUnavailableException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Which partitions of the KPI stores' source topics a partial sum covers, so that an answer is only
 * given when the instances' partials together cover every partition exactly once. Without it, an
 * instance whose tasks were revoked in a rebalance (or not yet taken over from one that stopped)
 * added up fewer partitions than exist and answered a plausible, too small number, zeros even.
 */
public final class PartitionCoverage {
  private final Supplier<Set<ThreadMetadata>> localThreads;
  private final Map<String, Integer> partitions;

  /**
   * @param localThreads this instance's stream threads ({@link
   *     KafkaStreams#metadataForLocalThreads})
   * @param partitions the partition count of each source topic of the KPI stores
   */
  public PartitionCoverage(
      Supplier<Set<ThreadMetadata>> localThreads, Map<String, Integer> partitions) {
    this.localThreads = localThreads;
    this.partitions = Map.copyOf(partitions);
  }

  /** A partial sum and the partitions it covers ({@code topic-partition}). */
  public record Covered<T>(Set<String> partitions, T value) {}

  /**
   * A partial computed from this instance's stores, with the partitions of its running active
   * tasks; unavailable when those moved while it was computed.
   */
  <T> Covered<T> covered(Supplier<T> partial) {
    Set<String> before = local();
    T value = partial.get();
    if (!local().equals(before)) {
      throw new StoresUnavailableException(
          "this instance's tasks moved while it answered; retry shortly", null);
    }
    return new Covered<>(before, value);
  }

  /** Throws unless the parts cover every partition of every source topic exactly once. */
  void requireExactCover(List<Set<String>> parts) {
    Map<String, Integer> seen = new HashMap<>();
    for (Set<String> part : parts) {
      for (String partition : part) {
        if (seen.merge(partition, 1, Integer::sum) > 1) {
          throw new StoresUnavailableException(
              "partition " + partition + " is held by two instances while tasks move", null);
        }
      }
    }
    for (Map.Entry<String, Integer> topic : partitions.entrySet()) {
      for (int i = 0; i < topic.getValue(); i++) {
        String partition = new TopicPartition(topic.getKey(), i).toString();
        if (!seen.containsKey(partition)) {
          throw new StoresUnavailableException(
              "partition " + partition + " is moving between instances; retry shortly", null);
        }
      }
    }
  }

  /** The source-topic partitions of this instance's running active tasks. */
  Set<String> local() {
    Set<String> held = new TreeSet<>();
    try {
      for (ThreadMetadata thread : localThreads.get()) {
        if (!"RUNNING".equals(thread.threadState())) {
          continue;
        }
        for (TaskMetadata task : thread.activeTasks()) {
          for (TopicPartition partition : task.topicPartitions()) {
            if (partitions.containsKey(partition.topic())) {
              held.add(partition.toString());
            }
          }
        }
      }
    } catch (IllegalStateException | InvalidStateStoreException e) {
      throw new StoresUnavailableException("Kafka Streams is not running", e);
    }
    return held;
  }
}
