package dev.salespulse.web.process;

import dev.salespulse.streams.topology.Topics;
import dev.salespulse.tools.simulate.SimulatedRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A plain producer as a CRM would use against brokers that come and go: it sends a batch of
 * simulated records and says whether the cluster acknowledged every one. A batch with any failed
 * record is meant to be sent again whole, which the contract's deduplication by {@code eventId}
 * makes safe, and which keeps a batch's cancellations and refunds from counting before their
 * orders.
 */
public final class ResendingProducer {
  private final Map<String, Object> config = new HashMap<>();
  private final Topics topics = new Topics("");

  public ResendingProducer(String bootstrapServers) {
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
  }

  /** Sends a batch with a new producer; true when the cluster acknowledged every record. */
  public boolean sendAll(List<SimulatedRecord> batch) {
    AtomicBoolean failed = new AtomicBoolean();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      for (SimulatedRecord record : batch) {
        producer.send(
            new ProducerRecord<>(topicOf(record), record.key(), record.json()),
            (metadata, error) -> {
              if (error != null) {
                failed.set(true);
              }
            });
      }
      producer.flush();
    } catch (RuntimeException e) {
      return false; // the brokers are away (metadata or buffer wait timed out): send it again
    }
    return !failed.get();
  }

  private String topicOf(SimulatedRecord record) {
    return switch (record.topicKind()) {
      case SimulatedRecord.ORDERS -> topics.orders().name();
      case SimulatedRecord.ACTIVITIES -> topics.activities().name();
      default -> topics.reps().name();
    };
  }
}
