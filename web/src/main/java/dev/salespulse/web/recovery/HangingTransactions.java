package dev.salespulse.web.recovery;

import dev.salespulse.web.recovery.OpenTransaction.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and ends the application's hanging transactions: a partition that holds an open transaction
 * of one of its producers although that producer's transaction coordinator no longer has the
 * partition in an ongoing transaction, so no commit or abort marker will ever reach it.
 *
 * <p>A broker that is killed together with SalesPulse (the demo's embedded broker) leaves such
 * partitions behind: at its restart the transaction coordinator completes the killed producer's
 * prepared transaction while the partitions are still without a leader (the restarted broker not
 * yet unfenced), takes a partition without a leader for a deleted one ("likely deleted"), and skips
 * its marker. The transaction is recorded as committed, its consumer offsets with it, while some of
 * its partitions never get the marker. A hanging transaction on {@code __consumer_offsets} makes
 * every fetch of the group's committed offsets answer "unstable offset commit" for ever, so a
 * stream thread waits on it and Kafka Streams never leaves REBALANCING; on a data partition it
 * holds read-committed consumers at the last stable offset. This is what Kafka's {@code
 * kafka-transactions.sh find-hanging} and {@code abort} do by hand, done by the application for its
 * own partitions.
 *
 * <p>The marker written is the transaction's outcome ({@link #verdict}): COMMIT when the
 * coordinator shows the producer's transaction of that epoch completed as committed, else ABORT.
 * Aborting the skipped partitions of a committed transaction, as {@code kafka-transactions.sh
 * abort} would, loses what it wrote there while its input offsets stay committed: deltas never
 * counted, or event ids forgotten so that a resend counts twice. The coordinator's view moves on
 * once the restarted producer starts a new transaction, so the first verdict of COMMIT seen for an
 * open transaction is kept. Kafka's Admin API writes only ABORT markers; COMMIT markers go through
 * {@link CommitMarkers}.
 *
 * <p>A partition is ended only when, in two sweeps at least {@link #CONFIRM_AFTER} apart, the same
 * open transaction (producer id, epoch and first offset) is still there and the coordinator, asked
 * in the later sweep, does not list the partition in an ongoing transaction of that producer. A
 * live transaction of SalesPulse's producers lasts at most their transaction timeout (10 s), after
 * which the coordinator aborts it itself, so nothing the coordinator still tracks is touched.
 */
public final class HangingTransactions implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HangingTransactions.class);

  /** How long an open transaction the coordinator has forgotten must stay open to be ended. */
  static final Duration CONFIRM_AFTER = Duration.ofSeconds(3);

  /**
   * How long an open transaction whose producer no coordinator lists must stay open to be aborted:
   * a coordinator moving to another broker is not listed meanwhile.
   */
  static final Duration CONFIRM_UNLISTED_AFTER = Duration.ofSeconds(30);

  static final Duration SWEEP_INTERVAL = Duration.ofSeconds(2);

  /** How often it looks until the first settled sweep ({@link #awaitSettled}). */
  static final Duration STARTING_SWEEP_INTERVAL = Duration.ofMillis(250);

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private final Admin admin;
  private final TransactionLookups lookups;
  private final CommitMarkers commitMarkers;
  private final String transactionalIdPrefix;
  private final LongSupplier nanoClock;
  private final Counter aborted;
  private final Counter committed;
  private final Map<OpenTransaction, Long> firstSeenNanos = new HashMap<>();
  private final Map<OpenTransaction, Verdict> verdicts = new HashMap<>();
  private final Set<OpenTransaction> failedToEnd = new HashSet<>();
  private final CountDownLatch settled = new CountDownLatch(1);
  private long lastSweepNanos;
  private ScheduledExecutorService sweeper;

  /**
   * @param admin an admin client of the cluster (closed by the caller)
   * @param clientConfig the application's Kafka client settings, for the commit markers' client
   * @param applicationId the Kafka Streams application id: its producers' transactional ids start
   *     with it, and so do its internal topics
   * @param outputTopics the topics the application writes besides its internal ones
   */
  public HangingTransactions(
      Admin admin,
      Map<String, Object> clientConfig,
      String applicationId,
      Collection<String> outputTopics,
      MeterRegistry meters) {
    this(
        admin,
        new CommitMarkers(clientConfig, CALL_TIMEOUT),
        applicationId,
        outputTopics,
        meters,
        System::nanoTime);
  }

  HangingTransactions(
      Admin admin,
      CommitMarkers commitMarkers,
      String applicationId,
      Collection<String> outputTopics,
      MeterRegistry meters,
      LongSupplier nanoClock) {
    this.admin = admin;
    this.commitMarkers = commitMarkers;
    this.transactionalIdPrefix = applicationId + "-";
    this.lookups = new TransactionLookups(admin, applicationId, outputTopics, CALL_TIMEOUT);
    this.nanoClock = nanoClock;
    this.aborted =
        Counter.builder("salespulse.hanging.transactions.aborted")
            .description(
                "Open transactions of SalesPulse's producers that their coordinator had forgotten,"
                    + " aborted so that offsets and read-committed consumers move on")
            .register(meters);
    this.committed =
        Counter.builder("salespulse.hanging.transactions.committed")
            .description(
                "Partitions of committed transactions of SalesPulse's producers that their"
                    + " coordinator had skipped, given their commit marker by SalesPulse")
            .register(meters);
  }

  /**
   * Sweeps now and then every few seconds on a daemon thread until closed; every quarter second
   * until the first settled sweep.
   */
  public HangingTransactions start() {
    sweeper =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "salespulse-hanging-transactions");
              thread.setDaemon(true);
              return thread;
            });
    sweeper.scheduleWithFixedDelay(
        this::tick, 0, STARTING_SWEEP_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * Waits for the first sweep that succeeded with no transaction of the application's still being
   * completed by its coordinator: by then every transaction a crash left for the coordinator to
   * complete has been seen as the coordinator completed it. Start the application's producers after
   * this; a new producer's first transaction moves the coordinator's view on, after which a
   * committed transaction's skipped partitions could no longer be told from aborted ones.
   *
   * @return false when the wait ran out (the cluster slow or unreachable); the sweeps go on
   */
  public boolean awaitSettled(Duration atMost) {
    try {
      return settled.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void tick() {
    long now = nanoClock.getAsLong();
    if (settled.getCount() > 0 || now - lastSweepNanos >= SWEEP_INTERVAL.toNanos()) {
      lastSweepNanos = now;
      sweepLogged();
    }
  }

  private void sweepLogged() {
    try {
      sweep();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | IOException | RuntimeException e) {
      LOG.debug("Could not look for hanging transactions (the cluster may be unavailable)", e);
    }
  }

  /**
   * One look at the application's partitions; ends what has been hanging since an earlier look.
   * Every open transaction is judged at every look, so that a COMMIT verdict is seen while the
   * coordinator still shows the completed transaction.
   *
   * @return the transactions ended by this sweep
   */
  List<OpenTransaction> sweep()
      throws InterruptedException, ExecutionException, TimeoutException, IOException {
    long now = nanoClock.getAsLong();
    Map<TopicPartition, Node> leaders = lookups.partitionsToWatch();
    Set<OpenTransaction> open = lookups.openTransactions(leaders.keySet());
    firstSeenNanos.keySet().retainAll(open);
    verdicts.keySet().retainAll(open);
    failedToEnd.retainAll(open);
    open.forEach(txn -> firstSeenNanos.putIfAbsent(txn, now));
    if (open.isEmpty()) {
      settled.countDown();
      return List.of();
    }
    boolean epochBumpedAtEnd = lookups.transactionVersion() >= 2;
    Map<Long, TransactionListing> listings = lookups.listingsOf(open);
    Map<String, TransactionDescription> views = lookups.describe(listings.values());
    boolean everyViewSeen = true;
    List<OpenTransaction> ended = new ArrayList<>();
    for (OpenTransaction txn : open) {
      TransactionListing listing = listings.get(txn.producerId());
      TransactionDescription view = listing == null ? null : views.get(listing.transactionalId());
      // Unlisted, or ours but not described: its coordinator may be moving, its outcome unseen.
      everyViewSeen &=
          listing != null
              && (view != null || !listing.transactionalId().startsWith(transactionalIdPrefix));
      Verdict verdict = txn.verdict(listing, view, transactionalIdPrefix, epochBumpedAtEnd);
      if (verdict == Verdict.LEAVE) {
        verdicts.remove(txn);
        continue;
      }
      Verdict kept = verdicts.merge(txn, verdict, HangingTransactions::commitOnceSeen);
      Duration confirm = listing == null ? CONFIRM_UNLISTED_AFTER : CONFIRM_AFTER;
      if (now - firstSeenNanos.get(txn) >= confirm.toNanos()
          && tryToEnd(txn, kept, view, leaders)) {
        ended.add(txn);
      }
    }
    if (everyViewSeen && views.values().stream().noneMatch(OpenTransaction::completing)) {
      settled.countDown();
    }
    return ended;
  }

  /**
   * Ends one transaction; a failure (no leader yet, a refused marker) is logged once as a warning
   * and tried again at the next look, without holding up the others.
   */
  private boolean tryToEnd(
      OpenTransaction txn,
      Verdict verdict,
      TransactionDescription view,
      Map<TopicPartition, Node> leaders)
      throws InterruptedException {
    try {
      end(txn, verdict, view, leaders.get(txn.partition()));
      failedToEnd.remove(txn);
      return true;
    } catch (ExecutionException | TimeoutException | IOException | RuntimeException e) {
      if (failedToEnd.add(txn)) {
        LOG.warn(
            "Could not end the hanging transaction on {} (producer id {}, epoch {}) yet; trying"
                + " again every {} s: {}",
            txn.partition(),
            txn.producerId(),
            txn.epoch(),
            SWEEP_INTERVAL.toSeconds(),
            e.getCause() == null ? e.toString() : e.getCause().toString());
      }
      return false;
    }
  }

  /** A COMMIT verdict stands: a later view may show a later transaction of the producer. */
  private static Verdict commitOnceSeen(Verdict earlier, Verdict now) {
    return earlier == Verdict.COMMIT ? earlier : now;
  }

  private void end(OpenTransaction txn, Verdict verdict, TransactionDescription view, Node leader)
      throws InterruptedException, ExecutionException, TimeoutException, IOException {
    String coordinator =
        view == null
            ? "has no transactional id for it any more"
            : "has it in state " + view.state() + " without this partition";
    if (verdict == Verdict.COMMIT) {
      if (leader == null || leader.isEmpty()) {
        throw new TimeoutException(txn.partition() + " has no leader to take a commit marker");
      }
      LOG.warn(
          "Committing a hanging transaction on {} (producer id {}, epoch {}, from offset {}): its"
              + " coordinator recorded the transaction as committed without this partition's"
              + " marker (as seen at this or an earlier look; now it {}); without a marker it would"
              + " block committed offsets and read-committed consumers for ever",
          txn.partition(),
          txn.producerId(),
          txn.epoch(),
          txn.firstOffset(),
          coordinator);
      commitMarkers.commit(
          txn.partition(), leader, txn.producerId(), (short) txn.epoch(), txn.coordinatorEpoch());
      committed.increment();
    } else {
      boolean outcomeUnseen =
          view != null
              && view.producerId() == txn.producerId()
              && view.producerEpoch() > txn.epoch() + 1;
      LOG.warn(
          "Aborting a hanging transaction on {} (producer id {}, epoch {}, from offset {}): its"
              + " coordinator {}{}; without a marker it would block committed offsets and"
              + " read-committed consumers for ever",
          txn.partition(),
          txn.producerId(),
          txn.epoch(),
          txn.firstOffset(),
          coordinator,
          outcomeUnseen
              ? ", already at a later transaction of the producer (epoch "
                  + view.producerEpoch()
                  + "), so whether this one was committed was not seen: if it was, the figures"
                  + " may be off until a reset (docs/operations.md)"
              : "");
      admin
          .abortTransaction(
              new AbortTransactionSpec(
                  txn.partition(), txn.producerId(), (short) txn.epoch(), txn.coordinatorEpoch()))
          .all()
          .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      aborted.increment();
    }
    firstSeenNanos.remove(txn);
    verdicts.remove(txn);
  }

  @Override
  public void close() {
    if (sweeper != null) {
      sweeper.shutdownNow();
      try {
        sweeper.awaitTermination(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    commitMarkers.close();
  }
}
