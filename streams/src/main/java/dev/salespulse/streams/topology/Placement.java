package dev.salespulse.streams.topology;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Where an input record belongs: in the partition that Kafka's default partitioner gives its
 * routing key (an order's {@code orderId}, an activity's {@code repId}), the partition whose task
 * holds that key's event ids and, for an order, its state. A record found in another partition (no
 * key, another key, an explicit partition, another partitioner) is sent through {@link
 * #rekeyedTopic} keyed by its routing key first, so that a retry under another key is still a
 * duplicate and a correction still finds its order. That topic has as many partitions as the input,
 * and a record read from it is never moved again.
 *
 * @param inputTopic the input topic the producers write
 * @param rekeyedTopic the topic records are moved through, read by the same tasks
 * @param partitions the partitions of both
 */
record Placement(String inputTopic, String rekeyedTopic, int partitions) {

  Placement {
    if (partitions < 1) {
      throw new IllegalArgumentException(inputTopic + " must have a partition, has " + partitions);
    }
  }

  /** The partition Kafka's default partitioner gives a record keyed by this string. */
  static int partitionOf(String routingKey, int partitions) {
    byte[] key = routingKey.getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(key)) % partitions;
  }

  /**
   * Whether a record read from {@code source} with this routing key must be moved: only input
   * records, and only when they are not in their key's partition.
   */
  boolean belongsElsewhere(Optional<RecordMetadata> source, String routingKey) {
    if (partitions == 1 || source.isEmpty()) {
      return false;
    }
    RecordMetadata metadata = source.get();
    return metadata.topic().equals(inputTopic)
        && metadata.partition() != partitionOf(routingKey, partitions);
  }

  /** Whether a record was read from the topic records are moved through. */
  boolean isRekeyed(Optional<RecordMetadata> source) {
    return source.isPresent() && source.get().topic().equals(rekeyedTopic);
  }
}
