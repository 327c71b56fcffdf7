package dev.salespulse.web.recovery;

import dev.salespulse.tools.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real embedded broker with one single-partition topic, an admin client and transactional
 * producers, for the tests of hanging-transaction recovery; closes all of it, newest first.
 */
final class TransactionsBroker implements AutoCloseable {
  final String bootstrap;
  final Map<String, Object> clients;
  final Admin admin;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  private TransactionsBroker(EmbeddedKafkaBroker broker) {
    toClose.add(broker);
    this.bootstrap = broker.bootstrapServers();
    this.clients = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    this.admin = Admin.create(clients);
    toClose.add(admin);
  }

  /** Starts a broker in {@code dir} with {@code topic} (one partition) created. */
  static TransactionsBroker start(Path dir, String topic) throws Exception {
    TransactionsBroker cluster =
        new TransactionsBroker(EmbeddedKafkaBroker.start(dir.resolve("broker"), 0));
    cluster.admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    return cluster;
  }

  /** A transactional producer, closed with the broker; its transactions time out after 60 s. */
  KafkaProducer<String, String> producer(String transactionalId) {
    KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000),
            new StringSerializer(),
            new StringSerializer());
    toClose.add(() -> producer.close(Duration.ZERO));
    return producer;
  }

  /** Closes {@code resource} with the broker, before it. */
  <T extends AutoCloseable> T closing(T resource) {
    toClose.add(resource);
    return resource;
  }

  @Override
  public void close() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }
}
