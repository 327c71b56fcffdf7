package dev.salespulse.streams.topology;

import dev.salespulse.streams.events.RejectReason;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line behind the topology's own validation: a record whose processing throws (or an
 * internal record that cannot be read) goes to {@code sales.dead-letter} with reason {@code
 * processing-error}, the exception in {@code x-error-detail} and the usual source headers, is
 * counted in {@code salespulse_events_rejected_total{reason="processing-error"}}, and processing
 * goes on with the next record, instead of the stream thread dying and the process meeting the same
 * record again after every restart.
 *
 * <p>Known limits: what the processor changed in its stores before it threw stays; the ingest
 * processors check everything before they change anything, so this is for errors no check foresaw.
 * A record that fails on its way to the buckets (an internal {@code scope-deltas} record) is one
 * scope's sums of a minute: dead-lettered, they are missing from the KPIs, which is why the metric
 * has an alert. An error in a punctuation (the wall-clock flushes) has no record to set aside and
 * could leave work half done, so it still stops the client. So does a state store that cannot be
 * read or written ({@link ProcessorStateException}: a full disk, a failing RocksDB): no record is
 * to blame, setting records aside would lose their counts for as long as the store fails, and after
 * a restart the aborted transaction's records are counted again from the last commit.
 */
public final class ProcessingErrorHandler
    implements ProcessingExceptionHandler, DeserializationExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessingErrorHandler.class);

  private String deadLetterTopic;
  private Set<String> rekeyedTopics = Set.of();
  private int budget;
  private TopologyMetrics metrics;

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetterTopic =
        String.valueOf(configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG));
    budget = DeadLetter.budget(configs);
    Object applicationId = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
    if (applicationId != null) {
      rekeyedTopics =
          Set.of(
              Topics.rekeyedOrders(applicationId.toString()).name(),
              Topics.rekeyedActivities(applicationId.toString()).name());
    }
    metrics = new TopologyMetrics(ErrorHandlerSettings.meters(configs));
  }

  @Override
  public ProcessingExceptionHandler.Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (record == null) {
      LOG.error(
          "Punctuation of {} in task {} failed; stopping",
          context.processorNodeId(),
          context.taskId(),
          exception);
      return ProcessingExceptionHandler.Response.fail();
    }
    if (isStoreFailure(exception)) {
      LOG.error(
          "A state store of task {} failed in {}; stopping, to count again from the last commit",
          context.taskId(),
          context.processorNodeId(),
          exception);
      return ProcessingExceptionHandler.Response.fail();
    }
    byte[] key = context.sourceRawKey();
    byte[] value = context.sourceRawValue();
    if (value == null && record.value() instanceof byte[] bytes) {
      value = bytes;
      key = record.key() instanceof byte[] keyBytes ? keyBytes : key;
    }
    return ProcessingExceptionHandler.Response.resume(deadLetter(context, key, value, exception));
  }

  /** A state store that failed, here or anywhere in the exception's causes. */
  static boolean isStoreFailure(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof ProcessorStateException) {
        return true;
      }
    }
    return false;
  }

  @Override
  public DeserializationExceptionHandler.Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    return DeserializationExceptionHandler.Response.resume(
        deadLetter(context, record.key(), record.value(), exception));
  }

  private List<ProducerRecord<byte[], byte[]>> deadLetter(
      ErrorHandlerContext context, byte[] key, byte[] value, Exception exception) {
    metrics.rejected(RejectReason.PROCESSING_ERROR);
    LOG.error(
        "Processing a record of {}-{} at offset {} failed in {}; sending it to {}",
        context.topic(),
        context.partition(),
        context.offset(),
        context.processorNodeId(),
        deadLetterTopic,
        exception);
    DeadLetter.Source source =
        context.topic() == null
            ? null
            : new DeadLetter.Source(context.topic(), context.partition(), context.offset());
    if (context.topic() != null && rekeyedTopics.contains(context.topic())) {
      // Moved to its key's partition first (Placement): the dead letter is of the record as sent.
      DeadLetter.Original original = DeadLetter.originalOf(context.headers(), source);
      key = original.key();
      source = original.source();
    }
    DeadLetter deadLetter =
        DeadLetter.of(
            key,
            value,
            context.headers(),
            RejectReason.PROCESSING_ERROR.code(),
            context.processorNodeId() + ": " + exception,
            source,
            budget);
    long timestamp = Math.max(0, Math.min(context.timestamp(), System.currentTimeMillis()));
    return List.of(
        new ProducerRecord<>(
            deadLetterTopic,
            null,
            timestamp,
            deadLetter.key(),
            deadLetter.value(),
            deadLetter.headers()));
  }
}
