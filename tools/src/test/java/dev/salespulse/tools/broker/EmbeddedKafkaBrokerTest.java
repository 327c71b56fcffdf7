package dev.salespulse.tools.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.salespulse.web.kafka.TopicAdmin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;

@Tag("slow")
class EmbeddedKafkaBrokerTest {

  private static final String ORDERS = "sales.orders";
  private static final int PARTITIONS = 3;
  private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  @TempDir(factory = CreatingTmpDir.class)
  Path dataDir;

  @TempDir(factory = CreatingTmpDir.class)
  Path otherDataDir;

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    Collections.reverse(toClose);
    for (AutoCloseable closeable : toClose) {
      closeable.close();
    }
  }

  @Test
  void shouldDeliverEveryRecordSentRightAfterTopicCreation() throws Exception {
    EmbeddedKafkaBroker broker = started(dataDir, 0);
    TopicAdmin.ensureTopics(
        adminConfig(broker), List.of(new NewTopic(ORDERS, PARTITIONS, (short) 1)), TOPIC_TIMEOUT);

    List<String> sent = values(0, 100);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(broker))) {
      send(producer, ORDERS, sent);
    }

    assertThat(readAll(broker, sent.size())).containsExactlyInAnyOrderElementsOf(sent);
    assertThat(broker.bootstrapServers()).isEqualTo("localhost:" + broker.port());
  }

  /**
   * Without the wait for leaders, sends to topics created while the broker is busy get
   * NOT_LEADER_OR_FOLLOWER and are retried (measured: most of 30 topics); an idempotent producer
   * can then lose the batch. Retries are the visible symptom.
   */
  @Test
  void shouldLeaveNoPartitionWithoutALeaderForAProducerThatSendsAtOnce() throws Exception {
    EmbeddedKafkaBroker broker = started(dataDir, 0);

    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(broker))) {
      for (int i = 0; i < 5; i++) {
        String topic = "sales.burst-" + i;
        TopicAdmin.ensureTopics(
            adminConfig(broker), List.of(new NewTopic(topic, 8, (short) 1)), TOPIC_TIMEOUT);
        send(producer, topic, values(0, 50));
      }

      assertThat(retriedSends(producer)).as("sends retried after NOT_LEADER_OR_FOLLOWER").isZero();
    }
  }

  @Test
  void shouldKeepTopicsAndRecordsAcrossRestartOnTheSameDirectory() throws Exception {
    EmbeddedKafkaBroker first = started(dataDir, 0);
    TopicAdmin.ensureTopics(
        adminConfig(first), List.of(new NewTopic(ORDERS, PARTITIONS, (short) 1)), TOPIC_TIMEOUT);
    List<String> sent = values(0, 20);
    produce(first, sent);
    first.close();

    EmbeddedKafkaBroker second = started(dataDir, 0);
    TopicAdmin.ensureTopics(
        adminConfig(second), List.of(new NewTopic(ORDERS, 1, (short) 1)), TOPIC_TIMEOUT);

    try (Admin admin = Admin.create(adminConfig(second))) {
      assertThat(admin.listTopics().names().get()).contains(ORDERS);
      assertThat(
              admin.describeTopics(Set.of(ORDERS)).allTopicNames().get().get(ORDERS).partitions())
          .hasSize(PARTITIONS);
    }
    assertThat(readAll(second, sent.size())).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void shouldNameThePortWhenItIsAlreadyInUse() {
    EmbeddedKafkaBroker running = started(dataDir, 0);

    assertThatThrownBy(() -> started(otherDataDir, running.port()))
        .isInstanceOf(EmbeddedBrokerException.class)
        .hasMessageContaining(String.valueOf(running.port()))
        .hasMessageContaining("SALESPULSE_KAFKA_PORT");
  }

  @Test
  void shouldRefuseADataDirectoryOfAnotherCluster() throws Exception {
    started(dataDir, 0).close();
    Path metaProperties = dataDir.resolve("kafka").resolve("meta.properties");
    Files.writeString(
        metaProperties,
        Files.readString(metaProperties).replaceAll("cluster.id=.*", "cluster.id=anotherCluster"));

    assertThatThrownBy(() -> started(dataDir, 0))
        .isInstanceOf(EmbeddedBrokerException.class)
        .hasMessageContaining(dataDir.resolve("kafka").toString())
        .hasMessageContaining("belongs to another Kafka cluster (anotherCluster");
  }

  @Test
  void shouldCommitATransaction() throws Exception {
    EmbeddedKafkaBroker broker = started(dataDir, 0);
    TopicAdmin.ensureTopics(
        adminConfig(broker), List.of(new NewTopic(ORDERS, PARTITIONS, (short) 1)), TOPIC_TIMEOUT);

    Map<String, Object> config = producerConfig(broker);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-broker-test");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(ORDERS, "k", "committed")).get();
      producer.commitTransaction();
    }

    assertThat(readAll(broker, 1, Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")))
        .containsExactly("committed");
  }

  @Test
  void shouldNameTheTopicWhenItCannotBeCreated() {
    EmbeddedKafkaBroker broker = started(dataDir, 0);

    assertThatThrownBy(
            () ->
                TopicAdmin.ensureTopics(
                    adminConfig(broker),
                    List.of(new NewTopic("sales.replicated", 1, (short) 3)),
                    TOPIC_TIMEOUT))
        .hasMessageContaining("sales.replicated")
        .hasMessageContaining("replication factor");
  }

  @Test
  void theControllerNeverGetsTheClientsPortWhenTheFreePortLookupHandsItOutAgain() {
    var lookups = List.of(41_000, 41_000, 41_001).iterator();

    assertThat(EmbeddedKafkaBroker.portOtherThan(41_000, lookups::next)).isEqualTo(41_001);
    assertThatThrownBy(() -> EmbeddedKafkaBroker.portOtherThan(41_000, () -> 41_000))
        .isInstanceOf(EmbeddedBrokerException.class)
        .hasMessageContaining("other than 41000");
  }

  private EmbeddedKafkaBroker started(Path dir, int port) {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, port);
    toClose.add(broker);
    return broker;
  }

  private static List<String> values(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "order-" + i).toList();
  }

  private static Map<String, Object> adminConfig(EmbeddedKafkaBroker broker) {
    return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
  }

  private static Map<String, Object> producerConfig(EmbeddedKafkaBroker broker) {
    return new HashMap<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
            10_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            20_000,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class));
  }

  private static void produce(EmbeddedKafkaBroker broker, List<String> values) throws Exception {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(broker))) {
      send(producer, ORDERS, values);
    }
  }

  /** Sends the values as keys and values, and waits for every acknowledgement. */
  private static void send(
      KafkaProducer<String, String> producer, String topic, List<String> values) throws Exception {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    values.forEach(v -> acks.add(producer.send(new ProducerRecord<>(topic, v, v))));
    for (Future<RecordMetadata> ack : acks) {
      ack.get();
    }
  }

  private static double retriedSends(KafkaProducer<String, String> producer) {
    return producer.metrics().entrySet().stream()
        .filter(e -> e.getKey().group().equals("producer-metrics"))
        .filter(e -> e.getKey().name().equals("record-retry-total"))
        .mapToDouble(e -> (Double) e.getValue().metricValue())
        .sum();
  }

  private static List<String> readAll(EmbeddedKafkaBroker broker, int expected) {
    return readAll(broker, expected, Map.of());
  }

  /** Reads the topic from the beginning until {@code expected} records came, then once more. */
  private static List<String> readAll(
      EmbeddedKafkaBroker broker, int expected, Map<String, Object> extraConfig) {
    Map<String, Object> config =
        new HashMap<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
    config.putAll(extraConfig);
    List<String> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(ORDERS).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await()
          .atMost(READ_TIMEOUT)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> received.add(valueOf(r)));
                return received.size() >= expected;
              });
      consumer.poll(Duration.ofMillis(200)).forEach(r -> received.add(valueOf(r)));
    }
    return received;
  }

  private static String valueOf(ConsumerRecord<String, String> record) {
    return record.value();
  }

  /** Creates {@code java.io.tmpdir} first: surefire points it at {@code target/tmp}. */
  static final class CreatingTmpDir implements TempDirFactory {
    @Override
    public Path createTempDirectory(
        AnnotatedElementContext elementContext, ExtensionContext extensionContext)
        throws IOException {
      Path tmp = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
      return Files.createTempDirectory(tmp, "embedded-kafka-");
    }
  }
}
