package dev.salespulse.web;

import dev.salespulse.streams.config.KafkaConfig;
import dev.salespulse.streams.topology.Topic;
import dev.salespulse.streams.topology.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Settings for SalesPulse's own plain clients (admin, live-feed consumer, simulator producer): the
 * bootstrap servers plus the connection and security properties of the {@code SALESPULSE_KAFKA_*}
 * pass-through, leaving Streams-only properties to Kafka Streams.
 */
public final class KafkaClients {
  private static final List<String> CONNECTION_PREFIXES =
      List.of("security.", "sasl.", "ssl.", "client.dns.", "request.timeout.");

  private KafkaClients() {}

  public static Map<String, Object> config(KafkaConfig kafka, String bootstrapServers) {
    Map<String, Object> client = new HashMap<>();
    kafka
        .properties()
        .forEach(
            (key, value) -> {
              if (CONNECTION_PREFIXES.stream().anyMatch(key::startsWith)) {
                client.put(key, value);
              }
            });
    client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return client;
  }

  /** The topics of the contract as SalesPulse creates them when they are missing. */
  public static List<NewTopic> newTopics(KafkaConfig kafka) {
    return new Topics(kafka.topicPrefix())
        .all().stream().map(topic -> newTopic(topic, kafka)).toList();
  }

  private static NewTopic newTopic(Topic<?, ?> topic, KafkaConfig kafka) {
    NewTopic created =
        new NewTopic(topic.name(), kafka.topicPartitions(), kafka.topicReplication());
    if (topic.compacted()) {
      created.configs(
          Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }
    return created;
  }

  /**
   * A consumer of committed records of every partition of a topic, assigned (no consumer group,
   * nothing committed): what each instance's listeners of SalesPulse's own output topics use, as
   * any instance may need any partition. The caller seeks and polls.
   */
  public static KafkaConsumer<String, String> readerOfAllPartitions(
      Map<String, Object> clientConfig, String topic, String clientId) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    consumer.assign(
        consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(info -> new TopicPartition(topic, info.partition()))
            .toList());
    return consumer;
  }
}
