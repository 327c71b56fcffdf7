package dev.salespulse.streams.runtime;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The timestamp Kafka Streams gives an input record: its own, unless it is missing (negative) or
 * ahead of the wall clock, then the wall clock. The records a processor writes while it handles an
 * input record (its stores' changelog records) carry that timestamp, and the internal topics keep
 * the brokers' default limit of one hour ahead ({@code message.timestamp.after.max.ms}): an input
 * topic with a relaxed limit, or a producer that writes no timestamp, must not make those writes
 * fail. Kafka's default extractor would stop the stream thread on a negative timestamp instead.
 * SalesPulse reads event time from the values, never from record timestamps.
 */
public final class InputTimestamps implements TimestampExtractor {

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    long now = System.currentTimeMillis();
    long timestamp = record.timestamp();
    return timestamp < 0 || timestamp > now ? now : timestamp;
  }
}
