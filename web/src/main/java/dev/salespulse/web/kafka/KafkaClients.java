package dev.salespulse.web.kafka;

import dev.salespulse.streams.config.ConfigException;
import dev.salespulse.streams.config.KafkaConfig;
import dev.salespulse.streams.topology.Topic;
import dev.salespulse.streams.topology.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
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

  /**
   * Creates the contract's topics that are missing, then the topics input records outside their
   * key's partition are moved through ({@link Topics#rekeyedOrders}), with as many partitions as
   * their inputs, and waits until every partition can take writes.
   *
   * @return the partitions of each of these topics
   * @throws ConfigException when a rekeyed topic exists with another partition count than its input
   *     (the input's partitions were changed without a reset)
   */
  public static Map<String, Integer> ensureTopics(
      Map<String, Object> clients, KafkaConfig kafka, Duration timeout) {
    try (Admin admin = Admin.create(clients)) {
      return ensureTopics(admin, kafka, timeout);
    }
  }

  /** As {@link #ensureTopics(Map, KafkaConfig, Duration)}, with an admin client of the caller's. */
  public static Map<String, Integer> ensureTopics(
      Admin admin, KafkaConfig kafka, Duration timeout) {
    Map<String, Integer> partitions =
        new HashMap<>(TopicAdmin.ensureTopics(admin, newTopics(kafka), timeout));
    Topics topics = new Topics(kafka.topicPrefix());
    Map<String, String> inputOf =
        Map.of(
            Topics.rekeyedOrders(kafka.applicationId()).name(), topics.orders().name(),
            Topics.rekeyedActivities(kafka.applicationId()).name(), topics.activities().name());
    List<NewTopic> rekeyed =
        inputOf.entrySet().stream()
            .map(
                e ->
                    new NewTopic(
                        e.getKey(), partitions.get(e.getValue()), kafka.topicReplication()))
            .toList();
    Map<String, Integer> made = TopicAdmin.ensureTopics(admin, rekeyed, timeout);
    inputOf.forEach(
        (topic, input) -> {
          if (!made.get(topic).equals(partitions.get(input))) {
            throw new ConfigException(
                "Topic "
                    + topic
                    + " has "
                    + made.get(topic)
                    + " partitions and "
                    + input
                    + " "
                    + partitions.get(input)
                    + ": after changing an input topic's partitions, reset the application"
                    + " (docs/operations.md, \"Resetting\"), which deletes it");
          }
        });
    partitions.putAll(made);
    return partitions;
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
