package dev.salespulse.web.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A COMMIT marker written for a producer's open transaction, against a real broker: what a
 * read-committed consumer could not see before, it reads after; a marker of a stale epoch is
 * refused with the broker's reason.
 */
@Tag("slow")
class CommitMarkersTest {
  private static final TopicPartition PARTITION = new TopicPartition("hanging", 0);
  private static final Duration WAIT = Duration.ofSeconds(30);

  private TransactionsBroker broker;

  @AfterEach
  void close() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aCommittedMarkerMakesTheOpenTransactionReadable(@TempDir Path dir) throws Exception {
    Cluster cluster = cluster(dir);
    ProducerState open = openTransaction(cluster, "counted");
    assertThat(lastStableOffset(cluster))
        .as("held back by the open transaction, after the earlier one and its marker")
        .isEqualTo(2);

    cluster.markers.commit(
        PARTITION,
        cluster.leader(),
        open.producerId(),
        (short) open.producerEpoch(),
        open.coordinatorEpoch().orElse(-1));

    assertThat(readCommitted(cluster, 2, WAIT)).containsExactly("earlier", "counted");
  }

  @Test
  void aMarkerOfAnOlderEpochIsRefused(@TempDir Path dir) throws Exception {
    Cluster cluster = cluster(dir);
    ProducerState open = openTransaction(cluster, "counted");
    assertThat(open.producerEpoch()).as("an epoch with an older one below it").isPositive();

    assertThatThrownBy(
            () ->
                cluster.markers.commit(
                    PARTITION,
                    cluster.leader(),
                    open.producerId(),
                    (short) (open.producerEpoch() - 1),
                    open.coordinatorEpoch().orElse(-1)))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("refused");
  }

  private record Cluster(String bootstrap, Admin admin, CommitMarkers markers) {
    Node leader() throws Exception {
      return admin
          .describeTopics(Set.of(PARTITION.topic()))
          .allTopicNames()
          .get()
          .get(PARTITION.topic())
          .partitions()
          .get(0)
          .leader();
    }
  }

  private Cluster cluster(Path dir) throws Exception {
    broker = TransactionsBroker.start(dir, PARTITION.topic());
    Cluster cluster =
        new Cluster(
            broker.bootstrap,
            broker.admin,
            broker.closing(new CommitMarkers(broker.clients, WAIT)));
    await().atMost(WAIT).ignoreExceptions().until(() -> cluster.leader() != null);
    return cluster;
  }

  /** A transaction that wrote one record and is neither committed nor aborted. */
  private ProducerState openTransaction(Cluster cluster, String value) throws Exception {
    KafkaProducer<String, String> producer = broker.producer("commit-markers-test");
    producer.initTransactions();
    // A transaction committed first, so that the open one's epoch has an older one below it.
    producer.beginTransaction();
    producer.send(new ProducerRecord<>(PARTITION.topic(), 0, null, "earlier")).get();
    producer.commitTransaction();
    producer.beginTransaction();
    producer.send(new ProducerRecord<>(PARTITION.topic(), 0, null, value)).get();
    return await()
        .atMost(WAIT)
        .until(
            () ->
                cluster
                    .admin()
                    .describeProducers(List.of(PARTITION))
                    .partitionResult(PARTITION)
                    .get()
                    .activeProducers()
                    .stream()
                    .filter(p -> p.currentTransactionStartOffset().isPresent())
                    .findFirst()
                    .orElse(null),
            state -> state != null);
  }

  private static long lastStableOffset(Cluster cluster) {
    try (KafkaConsumer<String, String> consumer = readCommittedConsumer(cluster)) {
      return consumer.endOffsets(List.of(PARTITION)).get(PARTITION);
    }
  }

  private static KafkaConsumer<String, String> readCommittedConsumer(Cluster cluster) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            cluster.bootstrap(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed"),
        new StringDeserializer(),
        new StringDeserializer());
  }

  /** Up to {@code count} values a read-committed consumer sees, waiting at most {@code within}. */
  private static List<String> readCommitted(Cluster cluster, int count, Duration within) {
    try (KafkaConsumer<String, String> consumer = readCommittedConsumer(cluster)) {
      consumer.assign(List.of(PARTITION));
      consumer.seekToBeginning(List.of(PARTITION));
      List<String> values = new ArrayList<>();
      long deadline = System.nanoTime() + within.toNanos();
      while (values.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
          values.add(record.value());
        }
      }
      return values;
    }
  }
}
