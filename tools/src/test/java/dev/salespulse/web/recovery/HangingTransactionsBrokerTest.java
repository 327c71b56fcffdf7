package dev.salespulse.web.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.salespulse.tools.broker.EmbeddedKafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweeper against a real broker: on a new cluster (no consumer group yet, so no {@code
 * __consumer_offsets}) its first look settles at once, so the service does not wait for it; a live
 * transaction of the application's is left to its coordinator.
 */
@Tag("slow")
class HangingTransactionsBrokerTest {
  private static final String APPLICATION_ID = "salespulse";
  private static final String OUTPUT = "sales.kpi-changes";

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @Test
  void theFirstLookOnANewClusterSettlesAtOnce(@TempDir Path dir) throws Exception {
    HangingTransactions sweeper = sweeper(dir).start();

    assertThat(sweeper.awaitSettled(Duration.ofSeconds(10))).isTrue();
  }

  @Test
  void aLiveTransactionIsLeftToItsCoordinator(@TempDir Path dir) throws Exception {
    HangingTransactions sweeper = sweeper(dir);
    KafkaProducer<String, String> producer = producer(APPLICATION_ID + "-live-1");
    producer.initTransactions();
    producer.beginTransaction();
    producer.send(new ProducerRecord<>(OUTPUT, 0, null, "open")).get();

    assertThat(sweeper.sweep()).isEmpty();
    // Seen again past the confirmation time: still the coordinator's, still left alone.
    nanos.addAndGet(HangingTransactions.CONFIRM_AFTER.toNanos());
    assertThat(sweeper.sweep()).isEmpty();
  }

  /**
   * The COMMIT verdict rests on transaction version 2, where a coordinator ends each transaction by
   * bumping the producer's epoch: the embedded broker (the demo's, and the one whose kill leaves
   * hanging transactions) runs it.
   */
  @Test
  void theEmbeddedBrokerEndsEachTransactionByBumpingTheEpoch(@TempDir Path dir) throws Exception {
    sweeper(dir);
    String id = APPLICATION_ID + "-bump-1";
    KafkaProducer<String, String> producer = producer(id);
    producer.initTransactions();
    producer.beginTransaction();
    producer.send(new ProducerRecord<>(OUTPUT, 0, null, "one")).get();
    int epoch = admin.describeTransactions(List.of(id)).all().get().get(id).producerEpoch();
    producer.commitTransaction();

    TransactionLookups lookups =
        new TransactionLookups(admin, APPLICATION_ID, List.of(OUTPUT), Duration.ofSeconds(10));
    assertThat(lookups.transactionVersion()).isGreaterThanOrEqualTo((short) 2);
    // The markers are written after the commit is acknowledged.
    TransactionDescription ended =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> admin.describeTransactions(List.of(id)).all().get().get(id),
                view -> view.state() == TransactionState.COMPLETE_COMMIT);
    assertThat(ended.producerEpoch()).isEqualTo(epoch + 1);
  }

  private KafkaProducer<String, String> producer(String transactionalId) {
    KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000),
            new StringSerializer(),
            new StringSerializer());
    toClose.add(() -> producer.close(Duration.ZERO));
    return producer;
  }

  private final AtomicLong nanos = new AtomicLong();
  private Admin admin;
  private String bootstrap;

  private HangingTransactions sweeper(Path dir) throws Exception {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0);
    toClose.add(broker);
    bootstrap = broker.bootstrapServers();
    Map<String, Object> clients = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    admin = Admin.create(clients);
    toClose.add(admin);
    admin.createTopics(List.of(new NewTopic(OUTPUT, 1, (short) 1))).all().get();
    CommitMarkers markers = new CommitMarkers(clients, Duration.ofSeconds(10));
    HangingTransactions sweeper =
        new HangingTransactions(
            admin, markers, APPLICATION_ID, List.of(OUTPUT), new SimpleMeterRegistry(), nanos::get);
    toClose.add(sweeper);
    return sweeper;
  }
}
