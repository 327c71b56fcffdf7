package dev.salespulse.streams.config;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.utils.Utils;

/**
 * The Kafka cluster, the topics SalesPulse creates on it and its Streams application.
 *
 * @param bootstrapServers {@code SALESPULSE_BOOTSTRAP_SERVERS}; empty: an embedded broker
 * @param port {@code SALESPULSE_KAFKA_PORT}, the embedded broker's port
 * @param topicPrefix {@code SALESPULSE_TOPIC_PREFIX}, before every topic name
 * @param topicPartitions {@code SALESPULSE_TOPIC_PARTITIONS} of the topics SalesPulse creates
 * @param topicReplication {@code SALESPULSE_TOPIC_REPLICATION} of the topics SalesPulse creates
 * @param applicationId {@code SALESPULSE_APPLICATION_ID}, the Kafka Streams application id
 * @param properties pass-through Kafka client/Streams properties ({@code
 *     SALESPULSE_KAFKA_NUM_STREAM_THREADS} becomes {@code num.stream.threads}); they win over the
 *     defaults SalesPulse sets.
 */
public record KafkaConfig(
    Optional<String> bootstrapServers,
    int port,
    String topicPrefix,
    int topicPartitions,
    short topicReplication,
    String applicationId,
    Map<String, String> properties) {

  /**
   * The longest topic prefix or application id: both start topic names, which Kafka limits to 249
   * characters, and the longest suffix SalesPulse adds to either is under 45.
   */
  private static final int MAX_NAME = 200;

  public KafkaConfig {
    properties = Map.copyOf(properties);
  }

  static KafkaConfig from(Settings settings) {
    return new KafkaConfig(
        settings.optionalValue(
            ConfigKey.BOOTSTRAP_SERVERS,
            "host:port[,host:port…] such as kafka-1:9092,kafka-2:9092",
            KafkaConfig::bootstrapServers),
        settings.intIn(ConfigKey.KAFKA_PORT, 0, 65535),
        settings.value(
            ConfigKey.TOPIC_PREFIX,
            "a topic-name prefix of at most " + MAX_NAME + " letters, digits, '.', '_' and '-'",
            KafkaConfig::topicPrefix),
        settings.intIn(ConfigKey.TOPIC_PARTITIONS, 1, 10_000),
        (short) settings.intIn(ConfigKey.TOPIC_REPLICATION, 1, 32),
        settings.value(
            ConfigKey.APPLICATION_ID,
            "a Kafka Streams application id of at most "
                + MAX_NAME
                + " letters, digits, '.', '_' and '-'",
            KafkaConfig::applicationId),
        settings.kafkaProperties());
  }

  /** Each entry as Kafka clients read bootstrap.servers (no name lookup here). */
  private static String bootstrapServers(String text) {
    boolean any = false;
    for (String entry : text.split(",")) {
      String url = entry.trim();
      if (url.isEmpty()) {
        continue;
      }
      if (Utils.getHost(url) == null || Utils.getPort(url) == null) {
        throw new IllegalArgumentException("not host:port: " + url);
      }
      any = true;
    }
    if (!any) {
      throw new IllegalArgumentException("no server");
    }
    return text;
  }

  private static String topicPrefix(String prefix) {
    if (!prefix.matches("[a-zA-Z0-9._-]{0," + MAX_NAME + "}")) {
      throw new IllegalArgumentException("bad prefix");
    }
    return prefix;
  }

  /** It names internal topics and a state directory: topic-name characters only. */
  private static String applicationId(String text) {
    if (!text.matches("[a-zA-Z0-9._-]{1," + MAX_NAME + "}")) {
      throw new IllegalArgumentException("not a usable application id");
    }
    return text;
  }
}
