package dev.salespulse.web.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * Health of the Kafka Streams client as a few plain gauges that alert rules can use without knowing
 * Kafka's metric names: {@code salespulse_streams_running} (1 while the client is RUNNING, 0 in any
 * other state) and {@code salespulse_consumer_lag_records{topic}}, the records of each input topic
 * not yet processed by this instance's active tasks (end offset minus committed offset, summed over
 * its partitions). Both are computed when {@code /metrics} is scraped.
 *
 * <p>Limits: lag is what the tasks know of their partitions' end offsets, refreshed by every fetch,
 * so it can trail the broker by one poll; while the client is not running (starting, rebalancing,
 * stopped) it is NaN. The Kafka client binder's per-partition {@code records-lag} is not relied on:
 * it appears only once a partition has been fetched and then as often as the binder looks for new
 * metrics.
 */
public final class StreamsStateMetrics {
  private final Supplier<KafkaStreams> streams;

  /**
   * Also registers {@code salespulse_events_processed_total} of every input topic at zero, so that
   * "no orders for 20 minutes" has a series to look at right after a start.
   */
  public StreamsStateMetrics(
      Supplier<KafkaStreams> streams, List<String> inputTopics, MeterRegistry registry) {
    this.streams = streams;
    Gauge.builder("salespulse.streams.running", this, m -> m.running() ? 1 : 0)
        .description("1 while the Kafka Streams client is RUNNING, else 0")
        .strongReference(true)
        .register(registry);
    for (String topic : inputTopics) {
      Gauge.builder("salespulse.consumer.lag.records", this, m -> m.lag(topic))
          .description("Input records not yet processed by this instance's tasks")
          .tag("topic", topic)
          .strongReference(true)
          .register(registry);
      Counter.builder("salespulse.events.processed")
          .description("Input records read, valid or not")
          .tag("topic", topic)
          .register(registry);
    }
  }

  private boolean running() {
    KafkaStreams client = streams.get();
    return client != null && client.state() == KafkaStreams.State.RUNNING;
  }

  private double lag(String topic) {
    if (!running()) {
      return Double.NaN;
    }
    Set<ThreadMetadata> threads;
    try {
      threads = streams.get().metadataForLocalThreads();
    } catch (IllegalStateException e) {
      return Double.NaN;
    }
    return lagOf(topic, threads);
  }

  /**
   * Records of a topic not yet processed by these threads' active tasks: end offset minus committed
   * offset, summed over the topic's partitions (a partition whose offsets are not known yet adds
   * nothing).
   */
  static long lagOf(String topic, Collection<ThreadMetadata> threads) {
    long lag = 0;
    for (ThreadMetadata thread : threads) {
      for (TaskMetadata task : thread.activeTasks()) {
        for (TopicPartition partition : task.topicPartitions()) {
          if (!partition.topic().equals(topic)) {
            continue;
          }
          Long end = task.endOffsets().get(partition);
          Long committed = task.committedOffsets().get(partition);
          if (end != null && committed != null && end >= 0 && committed >= 0) {
            lag += Math.max(0, end - committed);
          }
        }
      }
    }
    return lag;
  }
}
