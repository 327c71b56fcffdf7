package dev.salespulse.web.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.salespulse.tools.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop both listeners of SalesPulse's own topics (large deals, KPI changes) run on: it starts
 * where its owner seeks, and a batch whose handling fails does not end it.
 */
@Tag("slow")
class TopicFollowerTest {
  private static final String TOPIC = "sales.kpi-changes";

  @Test
  void startsWhereItsOwnerSeeksAndGoesOnAfterAFailedBatch(@TempDir Path dataDir) throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
      Map<String, Object> clients =
          Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      TopicAdmin.ensureTopics(
          clients, List.of(new NewTopic(TOPIC, 2, (short) 1)), Duration.ofSeconds(30));
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(
              Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
              new StringSerializer(),
              new StringSerializer())) {
        producer.send(new ProducerRecord<>(TOPIC, 0, "k", "before")).get();
        producer.send(new ProducerRecord<>(TOPIC, 1, "k", "before")).get();

        List<String> handled = new CopyOnWriteArrayList<>();
        List<String> failed = new CopyOnWriteArrayList<>();
        try (TopicFollower follower =
            new TopicFollower(
                clients,
                TOPIC,
                "topic-follower-test",
                "topic-follower-test",
                consumer -> consumer.seekToEnd(consumer.assignment()),
                records -> {
                  for (ConsumerRecord<String, String> record : records) {
                    if (record.value().equals("bad")) {
                      failed.add(record.value());
                      throw new IllegalStateException("a handler failed");
                    }
                    handled.add(record.value());
                  }
                })) {
          // It starts at the end: wait until it follows, then fail one batch.
          await()
              .atMost(Duration.ofSeconds(20))
              .until(
                  () -> {
                    producer.send(new ProducerRecord<>(TOPIC, 0, "k", "ready")).get();
                    return handled.contains("ready");
                  });
          producer.send(new ProducerRecord<>(TOPIC, 1, "k", "bad")).get();
          await().atMost(Duration.ofSeconds(20)).until(() -> failed.contains("bad"));
          producer.send(new ProducerRecord<>(TOPIC, 1, "k", "good")).get();

          await().atMost(Duration.ofSeconds(20)).until(() -> handled.contains("good"));
          assertThat(handled).doesNotContain("before", "bad");
        }
      }
    }
  }

  @Test
  void aFailureWhileSeekingReachesTheCaller(@TempDir Path dataDir) throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
      Map<String, Object> clients =
          Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      TopicAdmin.ensureTopics(
          clients, List.of(new NewTopic(TOPIC, 1, (short) 1)), Duration.ofSeconds(30));

      assertThatThrownBy(
              () ->
                  new TopicFollower(
                      clients,
                      TOPIC,
                      "topic-follower-test",
                      "topic-follower-test",
                      consumer -> {
                        throw new IllegalStateException("cannot seek");
                      },
                      records -> {}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("cannot seek");
    }
  }
}
