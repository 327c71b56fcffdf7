package dev.salespulse.streams.topology;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens to an output record the producer could not write. A record that carries
 * counts (the {@code scope-deltas} and {@code customer-orders} repartitions, the stores'
 * changelogs) is never dropped: its loss would make the KPIs wrong without anyone knowing, so the
 * stream thread stops instead. A record that carries no count (a dead letter, a {@code sales.feed}
 * entry, a {@code sales.kpi-changes} notification: the stores stay exact and the next change
 * publishes the scope again) is dropped when retrying cannot cure the error, logged, and counted in
 * {@code salespulse_output_dropped_total{topic}}. Errors a retry may cure (a broker away) are
 * retried.
 *
 * <p>Known limit, measured with Kafka 4.4: under exactly-once a record the broker refuses puts the
 * producer's transaction in an error state, so the commit fails and the stream thread stops even
 * when this handler drops the record; dropping works for records that fail before they are sent
 * (serialization) and under at-least-once. So the topology prevents refusals instead: every record
 * it writes is stamped with the wall clock, and dead letters are cut to the producer's and the
 * dead-letter topic's size limits.
 */
public final class ProductionErrorHandler implements ProductionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ProductionErrorHandler.class);

  private Set<String> droppable;
  private TopologyMetrics metrics;

  @Override
  public void configure(Map<String, ?> configs) {
    Topics topics = new Topics(String.valueOf(configs.get(ErrorHandlerSettings.TOPIC_PREFIX)));
    droppable =
        Set.of(topics.deadLetter().name(), topics.feed().name(), topics.kpiChanges().name());
    metrics = new TopologyMetrics(ErrorHandlerSettings.meters(configs));
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (exception instanceof RetriableException) {
      return Response.retry();
    }
    return dropOrFail(record.topic(), exception);
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Response handleSerializationError(
      ErrorHandlerContext context,
      ProducerRecord record,
      Exception exception,
      SerializationExceptionOrigin origin) {
    return dropOrFail(record.topic(), exception);
  }

  private Response dropOrFail(String topic, Exception exception) {
    if (droppable.contains(topic)) {
      metrics.outputDropped(topic);
      LOG.error("A record for {} could not be written and is dropped", topic, exception);
      return Response.resume();
    }
    LOG.error(
        "A record for {} could not be written; it carries counts, so processing stops",
        topic,
        exception);
    return Response.fail();
  }
}
