package dev.salespulse.web.recovery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and aborts the application's hanging transactions: a partition that holds an open
 * transaction of one of its producers although that producer's transaction coordinator no longer
 * has the partition in an ongoing transaction, so no commit or abort marker will ever reach it.
 *
 * <p>A broker that is killed together with SalesPulse (the demo's embedded broker) can leave such
 * partitions behind; most likely, at its restart the transaction coordinator completes the killed
 * producer's transaction before it knows every partition's leader, and skips the partitions it does
 * not know yet ("likely deleted"). A hanging transaction on {@code __consumer_offsets} makes every
 * fetch of the group's committed offsets answer "unstable offset commit" for ever, so a stream
 * thread waits on it and Kafka Streams never leaves REBALANCING; on a data partition it holds
 * read-committed consumers at the last stable offset. This is what Kafka's {@code
 * kafka-transactions.sh find-hanging} and {@code abort} do by hand, done by the application for its
 * own partitions.
 *
 * <p>A partition is aborted only when, in two sweeps at least {@link #CONFIRM_AFTER} apart, the
 * same open transaction (producer id, epoch and first offset) is still there and the coordinator,
 * asked in the later sweep, does not list the partition in an ongoing transaction of that producer.
 * A live transaction of SalesPulse's producers lasts at most their transaction timeout (10 s),
 * after which the coordinator aborts it itself, so nothing the coordinator still tracks is touched.
 */
public final class HangingTransactions implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HangingTransactions.class);

  /** How long an open transaction the coordinator has forgotten must stay open to be aborted. */
  static final Duration CONFIRM_AFTER = Duration.ofSeconds(3);

  static final Duration SWEEP_INTERVAL = Duration.ofSeconds(2);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
  private static final String OFFSETS_TOPIC = "__consumer_offsets";

  private final Admin admin;
  private final String groupId;
  private final String transactionalIdPrefix;
  private final Collection<String> outputTopics;
  private final LongSupplier nanoClock;
  private final Counter aborted;
  private final Map<OpenTransaction, Long> firstSeenNanos = new HashMap<>();
  private ScheduledExecutorService sweeper;

  /** An open transaction seen on one partition. */
  record OpenTransaction(
      TopicPartition partition,
      long producerId,
      int epoch,
      long firstOffset,
      int coordinatorEpoch) {}

  /**
   * @param admin an admin client of the cluster (closed by the caller)
   * @param applicationId the Kafka Streams application id: its producers' transactional ids start
   *     with it, and so do its internal topics
   * @param outputTopics the topics the application writes besides its internal ones
   */
  public HangingTransactions(
      Admin admin, String applicationId, Collection<String> outputTopics, MeterRegistry meters) {
    this(admin, applicationId, outputTopics, meters, System::nanoTime);
  }

  HangingTransactions(
      Admin admin,
      String applicationId,
      Collection<String> outputTopics,
      MeterRegistry meters,
      LongSupplier nanoClock) {
    this.admin = admin;
    this.groupId = applicationId;
    this.transactionalIdPrefix = applicationId + "-";
    this.outputTopics = List.copyOf(outputTopics);
    this.nanoClock = nanoClock;
    this.aborted =
        Counter.builder("salespulse.hanging.transactions.aborted")
            .description(
                "Open transactions of SalesPulse's producers that their coordinator had forgotten,"
                    + " aborted so that offsets and read-committed consumers move on")
            .register(meters);
  }

  /** Sweeps now and then every few seconds on a daemon thread until closed. */
  public HangingTransactions start() {
    sweeper =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "salespulse-hanging-transactions");
              thread.setDaemon(true);
              return thread;
            });
    sweeper.scheduleWithFixedDelay(
        this::sweepLogged, 0, SWEEP_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private void sweepLogged() {
    try {
      sweep();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      LOG.debug("Could not look for hanging transactions (the cluster may be unavailable)", e);
    }
  }

  /**
   * One look at the application's partitions; aborts what has been hanging since an earlier look.
   *
   * @return the transactions aborted by this sweep
   */
  List<OpenTransaction> sweep() throws InterruptedException, ExecutionException, TimeoutException {
    long now = nanoClock.getAsLong();
    Set<OpenTransaction> open = openTransactions();
    firstSeenNanos.keySet().retainAll(open);
    open.forEach(txn -> firstSeenNanos.putIfAbsent(txn, now));
    List<OpenTransaction> candidates =
        open.stream()
            .filter(txn -> now - firstSeenNanos.get(txn) >= CONFIRM_AFTER.toNanos())
            .toList();
    if (candidates.isEmpty()) {
      return List.of();
    }
    Map<Long, TransactionListing> listings = listingsOf(candidates);
    Map<String, TransactionDescription> views = describe(listings.values());
    List<OpenTransaction> abortedNow = new ArrayList<>();
    for (OpenTransaction txn : candidates) {
      TransactionListing listing = listings.get(txn.producerId());
      TransactionDescription view = listing == null ? null : views.get(listing.transactionalId());
      if (hanging(txn, listing, view, transactionalIdPrefix)) {
        abort(txn, view);
        abortedNow.add(txn);
      }
    }
    return abortedNow;
  }

  /**
   * Whether an open transaction seen long enough is one to abort.
   *
   * @param listing the coordinator's transactional id of the producer, null when it has none
   * @param view the coordinator's description of that transactional id, null when it has none
   */
  static boolean hanging(
      OpenTransaction txn,
      TransactionListing listing,
      TransactionDescription view,
      String transactionalIdPrefix) {
    if (listing != null && !listing.transactionalId().startsWith(transactionalIdPrefix)) {
      return false; // another application's producer: its own coordinator's business
    }
    return !tracked(view, txn);
  }

  /** Whether the coordinator will still complete this transaction on this partition. */
  private static boolean tracked(TransactionDescription view, OpenTransaction txn) {
    if (view == null || view.producerId() != txn.producerId()) {
      return false;
    }
    TransactionState state = view.state();
    boolean inProgress =
        state == TransactionState.ONGOING
            || state == TransactionState.PREPARE_COMMIT
            || state == TransactionState.PREPARE_ABORT
            || state == TransactionState.PREPARE_EPOCH_FENCE;
    return inProgress && view.topicPartitions().contains(txn.partition());
  }

  private void abort(OpenTransaction txn, TransactionDescription view)
      throws InterruptedException, ExecutionException, TimeoutException {
    LOG.warn(
        "Aborting a hanging transaction on {} (producer id {}, epoch {}, from offset {}): its"
            + " coordinator {}; without a marker it would block committed offsets and"
            + " read-committed consumers for ever",
        txn.partition(),
        txn.producerId(),
        txn.epoch(),
        txn.firstOffset(),
        view == null
            ? "has no transactional id for it any more"
            : "has it in state " + view.state() + " without this partition");
    admin
        .abortTransaction(
            new AbortTransactionSpec(
                txn.partition(), txn.producerId(), (short) txn.epoch(), txn.coordinatorEpoch()))
        .all()
        .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    firstSeenNanos.remove(txn);
    aborted.increment();
  }

  /**
   * Open transactions on the application's partitions and on the {@code __consumer_offsets}
   * partition of its consumer group (the one Kafka chooses by the group id's hash).
   */
  private Set<OpenTransaction> openTransactions()
      throws InterruptedException, ExecutionException, TimeoutException {
    List<TopicPartition> partitions = partitionsToWatch();
    if (partitions.isEmpty()) {
      return Set.of();
    }
    Map<TopicPartition, PartitionProducerState> states =
        admin
            .describeProducers(partitions)
            .all()
            .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    Set<OpenTransaction> open = new HashSet<>();
    states.forEach(
        (partition, state) -> {
          for (ProducerState producer : state.activeProducers()) {
            if (producer.currentTransactionStartOffset().isPresent()) {
              OpenTransaction txn =
                  new OpenTransaction(
                      partition,
                      producer.producerId(),
                      producer.producerEpoch(),
                      producer.currentTransactionStartOffset().getAsLong(),
                      producer.coordinatorEpoch().orElse(-1));
              open.add(txn);
            }
          }
        });
    return open;
  }

  private List<TopicPartition> partitionsToWatch()
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> topics = new HashSet<>();
    for (String topic :
        admin
            .listTopics(new ListTopicsOptions().listInternal(true))
            .names()
            .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      if (topic.startsWith(transactionalIdPrefix) || outputTopics.contains(topic)) {
        topics.add(topic);
      }
    }
    topics.add(OFFSETS_TOPIC);
    List<TopicPartition> partitions = new ArrayList<>();
    admin
        .describeTopics(topics)
        .allTopicNames()
        .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .forEach(
            (name, description) ->
                description.partitions().stream()
                    .filter(
                        p ->
                            !name.equals(OFFSETS_TOPIC)
                                || p.partition()
                                    == Utils.abs(groupId.hashCode())
                                        % description.partitions().size())
                    .forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
    return partitions;
  }

  /** The coordinators' transactional ids of these producers, by producer id. */
  private Map<Long, TransactionListing> listingsOf(List<OpenTransaction> candidates)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<Long> producerIds = new HashSet<>();
    candidates.forEach(txn -> producerIds.add(txn.producerId()));
    Map<Long, TransactionListing> byProducer = new HashMap<>();
    admin
        .listTransactions(new ListTransactionsOptions().filterProducerIds(producerIds))
        .all()
        .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .forEach(listing -> byProducer.put(listing.producerId(), listing));
    return byProducer;
  }

  /** The coordinators' view of the application's own transactional ids among these. */
  private Map<String, TransactionDescription> describe(Collection<TransactionListing> listings)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<String> ours =
        listings.stream()
            .map(TransactionListing::transactionalId)
            .filter(id -> id.startsWith(transactionalIdPrefix))
            .distinct()
            .toList();
    if (ours.isEmpty()) {
      return Map.of();
    }
    return admin
        .describeTransactions(ours)
        .all()
        .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    if (sweeper != null) {
      sweeper.shutdownNow();
    }
  }
}
