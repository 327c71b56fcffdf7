package dev.salespulse.web.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.salespulse.tools.broker.EmbeddedKafkaBroker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code salespulse_restore_remaining_records} on a real restore. Under exactly-once every
 * transaction leaves a commit marker in the changelog (and compaction leaves gaps), so a
 * changelog's offsets outnumber its records: what is left to restore must follow the offsets the
 * restore has reached, not the records counted so far, or the gauge stays far above zero until the
 * restore ends and then drops at once.
 */
@Tag("slow")
class RestoreMetricsTest {
  private static final String INPUT = "in";
  private static final String STORE = "values";
  private static final int RECORDS = 20;

  @Test
  void nothingIsLeftOnceTheLastBatchOfAnExactlyOnceChangelogIsRestored(@TempDir Path dir)
      throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0)) {
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic(INPUT, 1, (short) 1))).all().get();
      }
      Properties props = props(broker.bootstrapServers(), dir.resolve("state"));

      KafkaStreams first = new KafkaStreams(topology(), props);
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(
              Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
              new StringSerializer(),
              new StringSerializer())) {
        first.start();
        for (int i = 0; i < RECORDS; i++) {
          producer.send(new ProducerRecord<>(INPUT, "k" + i, "v" + i)).get();
          Thread.sleep(250); // one transaction, so one commit marker, per record
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> entries(first) == RECORDS);
      } finally {
        first.close(Duration.ofSeconds(30));
        first.cleanUp();
      }

      MeterRegistry registry = new SimpleMeterRegistry();
      RestoreMetrics metrics = new RestoreMetrics(registry);
      List<Double> remainingAfterEachBatch = new CopyOnWriteArrayList<>();
      KafkaStreams second = new KafkaStreams(topology(), props);
      second.setGlobalStateRestoreListener(
          new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition tp, String store, long start, long end) {
              metrics.onRestoreStart(tp, store, start, end);
            }

            @Override
            public void onBatchRestored(TopicPartition tp, String store, long end, long count) {
              metrics.onBatchRestored(tp, store, end, count);
              remainingAfterEachBatch.add(
                  registry.get("salespulse.restore.remaining.records").gauge().value());
            }

            @Override
            public void onRestoreEnd(TopicPartition tp, String store, long total) {
              metrics.onRestoreEnd(tp, store, total);
            }
          });
      try {
        second.start();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> second.state() == KafkaStreams.State.RUNNING && entries(second) > 0);
      } finally {
        second.close(Duration.ofSeconds(30));
      }

      assertThat(registry.get("salespulse.restore.records").counter().count())
          .as("records restored")
          .isEqualTo(RECORDS);
      assertThat(remainingAfterEachBatch).isNotEmpty();
      assertThat(remainingAfterEachBatch.get(remainingAfterEachBatch.size() - 1))
          .as("left after the last batch (at most the commit marker after the last record)")
          .isLessThanOrEqualTo(1.0);
    }
  }

  private static Topology topology() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.table(INPUT, Materialized.as(STORE));
    return builder.build();
  }

  private static Properties props(String bootstrapServers, Path stateDir) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "restore-metrics-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    return props;
  }

  private static long entries(KafkaStreams streams) {
    try (KeyValueIterator<Object, Object> all =
        streams
            .store(StoreQueryParameters.fromNameAndType(STORE, QueryableStoreTypes.keyValueStore()))
            .all()) {
      long count = 0;
      while (all.hasNext()) {
        all.next();
        count++;
      }
      return count;
    } catch (RuntimeException e) {
      return -1;
    }
  }
}
