package dev.salespulse.web.live;

import static org.awaitility.Awaitility.await;

import dev.salespulse.tools.broker.EmbeddedKafkaBroker;
import dev.salespulse.web.kafka.TopicAdmin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listener that drives every live update: one failure while handling a change must not end it.
 * It once stopped for good at the first exception (logged only), and the wallboards got no more
 * updates while the service looked healthy.
 */
@Tag("slow")
class KpiChangeListenerTest {
  private static final String TOPIC = "sales.kpi-changes";

  @Test
  void goesOnFollowingChangesAfterHandlingOneFailed(@TempDir Path dataDir) throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
      Map<String, Object> clients =
          Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      TopicAdmin.ensureTopics(
          clients, List.of(new NewTopic(TOPIC, 1, (short) 1)), Duration.ofSeconds(30));
      List<String> seen = new CopyOnWriteArrayList<>();
      try (KpiChangeListener listener =
              new KpiChangeListener(
                  clients,
                  TOPIC,
                  scope -> {
                    if (scope.equals("team:bad")) {
                      throw new IllegalStateException("a subscriber failed");
                    }
                    seen.add(scope);
                  });
          KafkaProducer<String, String> producer =
              new KafkaProducer<>(
                  Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                  new StringSerializer(),
                  new StringSerializer())) {
        // The listener starts at the end of the topic: wait until it follows.
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> {
                  producer.send(new ProducerRecord<>(TOPIC, "team:ready|2026-11-26", "{}")).get();
                  return seen.contains("team:ready");
                });
        producer.send(new ProducerRecord<>(TOPIC, "team:bad|2026-11-26", "{}")).get();
        producer.send(new ProducerRecord<>(TOPIC, "team:good|2026-11-26", "{}")).get();

        await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains("team:good"));
      }
    }
  }
}
