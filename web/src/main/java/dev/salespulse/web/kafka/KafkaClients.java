package dev.salespulse.web.kafka;

import dev.salespulse.streams.config.KafkaConfig;
import dev.salespulse.streams.topology.Topic;
import dev.salespulse.streams.topology.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Settings for SalesPulse's own plain clients (admin, topic followers, simulator producer): the
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
}
