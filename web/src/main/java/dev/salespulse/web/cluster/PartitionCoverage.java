package dev.salespulse.web.cluster;

import dev.salespulse.streams.query.StoresUnavailableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
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
 * given when the parts added up cover every partition exactly once. Without it, an instance whose
 * tasks were revoked in a rebalance (or not yet taken over from one that stopped) added up fewer
 * partitions than exist and answered a plausible, too small number, zeros even. A partition no
 * answered part covers is read from this instance's own copy of it when it holds one, a standby
 * replica's included ({@link #plan}).
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

  /** The source topics of the KPI stores. */
  Set<String> topics() {
    return partitions.keySet();
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

  /**
   * Which parts to add up, and which partitions this instance then reads from its own copies.
   *
   * @param kept the indexes of the parts to add up: no partition in two of them
   * @param fill the partitions none of them covers, each of which this instance holds a copy of
   */
  record Plan(List<Integer> kept, Set<String> fill) {}

  /**
   * Chooses, in order, every part that shares no partition with those chosen before it, so that no
   * partition is counted twice; the partitions left over must be filled from this instance's own
   * copies (active, restoring or standby), so that none is missing.
   *
   * @param parts the partitions of each answered part, the preferred first
   * @throws StoresUnavailableException when a partition is left over that this instance holds no
   *     copy of: nothing reachable covers it
   */
  Plan plan(List<Set<String>> parts) {
    Set<String> covered = new HashSet<>();
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      if (Collections.disjoint(covered, parts.get(i))) {
        kept.add(i);
        covered.addAll(parts.get(i));
      }
    }
    Set<String> fill = new TreeSet<>(all());
    fill.removeAll(covered);
    if (!fill.isEmpty()) {
      Set<String> copies = copies();
      for (String partition : fill) {
        if (!copies.contains(partition)) {
          throw new StoresUnavailableException(
              "partition "
                  + partition
                  + " is moving between instances and no instance that answered holds it;"
                  + " retry shortly",
              null);
        }
      }
    }
    return new Plan(List.copyOf(kept), fill);
  }

  /** Every partition of every source topic of the KPI stores. */
  Set<String> all() {
    Set<String> all = new TreeSet<>();
    for (Map.Entry<String, Integer> topic : partitions.entrySet()) {
      for (int i = 0; i < topic.getValue(); i++) {
        all.add(new TopicPartition(topic.getKey(), i).toString());
      }
    }
    return all;
  }

  /**
   * The source-topic partitions this instance holds a copy of, whatever its threads' state: those
   * of its active tasks (running or restoring) and of its standby tasks.
   */
  Set<String> copies() {
    Set<String> held = new TreeSet<>();
    try {
      for (ThreadMetadata thread : localThreads.get()) {
        for (Set<TaskMetadata> tasks : List.of(thread.activeTasks(), thread.standbyTasks())) {
          for (TaskMetadata task : tasks) {
            for (TopicPartition partition : task.topicPartitions()) {
              if (partitions.containsKey(partition.topic())) {
                held.add(partition.toString());
              }
            }
          }
        }
      }
    } catch (IllegalStateException | InvalidStateStoreException e) {
      return Set.of();
    }
    return held;
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
