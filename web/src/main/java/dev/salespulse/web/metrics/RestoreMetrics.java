package dev.salespulse.web.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * Progress of state restoration from changelog topics (after a restart without local state, a moved
 * task, a reset), as Kafka Streams reports it to its global {@link StateRestoreListener}: {@code
 * salespulse_restore_remaining_records} (changelog offsets still to restore, all stores together;
 * records but for exactly-once commit markers and compaction gaps), {@code
 * salespulse_restore_partitions} (changelog partitions being restored) and {@code
 * salespulse_restore_records_total}. Queries answer 503 until restoration ends, so the remaining
 * count tells an operator how long that will last.
 *
 * <p>Register it with {@link org.apache.kafka.streams.KafkaStreams#setGlobalStateRestoreListener}
 * before the client starts. Standby replicas keeping up are not restoration and are not counted.
 */
public final class RestoreMetrics implements StateRestoreListener {
  private final Map<String, AtomicLong> remaining = new ConcurrentHashMap<>();
  private final Map<String, Long> endOffsets = new ConcurrentHashMap<>();
  private final Counter restored;

  public RestoreMetrics(MeterRegistry registry) {
    Gauge.builder("salespulse.restore.remaining.records", remaining, RestoreMetrics::sum)
        .description("Changelog records still to restore before the stores are queryable")
        .register(registry);
    Gauge.builder("salespulse.restore.partitions", remaining, Map::size)
        .description("Changelog partitions being restored")
        .register(registry);
    restored =
        Counter.builder("salespulse.restore.records")
            .description("Changelog records restored into local state stores")
            .register(registry);
  }

  private static double sum(Map<String, AtomicLong> remaining) {
    return remaining.values().stream().mapToLong(AtomicLong::get).sum();
  }

  private static String key(TopicPartition partition, String store) {
    return store + "|" + partition;
  }

  @Override
  public void onRestoreStart(
      TopicPartition partition, String store, long startingOffset, long endingOffset) {
    endOffsets.put(key(partition, store), endingOffset);
    remaining.put(
        key(partition, store), new AtomicLong(Math.max(0, endingOffset - startingOffset)));
  }

  @Override
  public void onBatchRestored(
      TopicPartition partition, String store, long batchEndOffset, long numRestored) {
    restored.increment(numRestored);
    // Offsets left, not records counted down: commit markers (exactly-once) and compaction gaps
    // take offsets without being records.
    AtomicLong left = remaining.get(key(partition, store));
    Long end = endOffsets.get(key(partition, store));
    if (left != null && end != null) {
      left.set(Math.max(0, end - batchEndOffset - 1));
    }
  }

  @Override
  public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
    remaining.remove(key(partition, store));
    endOffsets.remove(key(partition, store));
  }

  @Override
  public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
    remaining.remove(key(partition, store));
    endOffsets.remove(key(partition, store));
  }
}
