package dev.salespulse.web.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salespulse.streams.config.ConfigException;
import dev.salespulse.streams.config.KafkaConfig;
import dev.salespulse.streams.config.SalesPulseConfig;
import dev.salespulse.tools.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topics misplaced input records are moved through have as many partitions as their inputs,
 * which may exist with other counts than configured; a mismatch left by a change of an input's
 * partitions stops the start with a message.
 */
@Tag("slow")
class RekeyedTopicsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String REKEYED_ORDERS = "salespulse-orders-rekeyed-repartition";
  private static final String REKEYED_ACTIVITIES = "salespulse-activities-rekeyed-repartition";

  @Test
  void takeThePartitionCountsOfTheirInputs(@TempDir Path dataDir) throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
      Map<String, Object> clients = clients(broker);
      TopicAdmin.ensureTopics(
          clients, List.of(new NewTopic("sales.orders", 3, (short) 1)), TIMEOUT);

      Map<String, Integer> partitions = KafkaClients.ensureTopics(clients, kafka(), TIMEOUT);

      assertThat(kafka().topicPartitions()).isEqualTo(4);
      assertThat(partitions)
          .containsEntry("sales.orders", 3)
          .containsEntry(REKEYED_ORDERS, 3)
          .containsEntry("sales.activities", 4)
          .containsEntry(REKEYED_ACTIVITIES, 4);
      assertThat(KafkaClients.ensureTopics(clients, kafka(), TIMEOUT)).isEqualTo(partitions);
    }
  }

  @Test
  void stopTheStartWhenTheyNoLongerMatch(@TempDir Path dataDir) throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
      Map<String, Object> clients = clients(broker);
      TopicAdmin.ensureTopics(
          clients,
          List.of(
              new NewTopic("sales.orders", 2, (short) 1),
              new NewTopic(REKEYED_ORDERS, 4, (short) 1)),
          TIMEOUT);

      assertThatThrownBy(() -> KafkaClients.ensureTopics(clients, kafka(), TIMEOUT))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(REKEYED_ORDERS + " has 4 partitions and sales.orders 2")
          .hasMessageContaining("reset");
    }
  }

  private static KafkaConfig kafka() {
    return SalesPulseConfig.defaults().kafka();
  }

  private static Map<String, Object> clients(EmbeddedKafkaBroker broker) {
    return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
  }
}
