package dev.salespulse.streams.runtime;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Gives every input record the wall clock of the moment it is read as its timestamp. SalesPulse
 * reads event time from the values, never from record timestamps; but the records a processor
 * writes while it handles an input (its stores' changelog records, a dead letter) carry the input's
 * timestamp, and under exactly-once one record a broker refuses fails the whole transaction and
 * stops the stream thread, which then meets the same input after every restart. An input record's
 * own timestamp can be refused by SalesPulse's topics: stamped far ahead on an input topic with a
 * relaxed {@code message.timestamp.after.max.ms} (or with {@code LogAppendTime} and a producer
 * clock far off), older than a {@code message.timestamp.before.max.ms} when a backlog is replayed,
 * or missing (negative), which Kafka's default extractor stops the thread on. The wall clock is
 * accepted whatever the topics' limits.
 */
public final class InputTimestamps implements TimestampExtractor {

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    return System.currentTimeMillis();
  }
}
