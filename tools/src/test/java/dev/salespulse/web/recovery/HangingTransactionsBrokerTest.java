package dev.salespulse.web.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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

  private final AtomicLong nanos = new AtomicLong();
  private TransactionsBroker broker;
  private Admin admin;

  @AfterEach
  void close() throws Exception {
    if (broker != null) {
      broker.close();
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
    KafkaProducer<String, String> producer = broker.producer(APPLICATION_ID + "-live-1");
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
    KafkaProducer<String, String> producer = broker.producer(id);
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

  private HangingTransactions sweeper(Path dir) throws Exception {
    broker = TransactionsBroker.start(dir, OUTPUT);
    admin = broker.admin;
    CommitMarkers markers = new CommitMarkers(broker.clients, Duration.ofSeconds(10));
    return broker.closing(
        new HangingTransactions(
            admin,
            markers,
            APPLICATION_ID,
            List.of(OUTPUT),
            new SimpleMeterRegistry(),
            nanos::get));
  }
}
