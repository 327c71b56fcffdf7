package dev.salespulse.web.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.web.recovery.OpenTransaction.Verdict;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Which open transactions the application ends, and how: only its own producers' (or producers no
 * coordinator knows any more), only on partitions their coordinator will never send a marker to,
 * and with a commit where the coordinator committed the transaction. The whole recovery, through a
 * real broker killed with SalesPulse, is CrashRecoveryTest's.
 */
class HangingTransactionsTest {
  private static final String PREFIX = "salespulse-";
  private static final String OWN_ID = "salespulse-9f1c-1";
  private static final TopicPartition OFFSETS = new TopicPartition("__consumer_offsets", 4);
  private static final TopicPartition CHANGELOG =
      new TopicPartition("salespulse-kpi-day-store-changelog", 2);
  private static final OpenTransaction OPEN_ON_OFFSETS =
      new OpenTransaction(OFFSETS, 7L, 334, 5371L, 4);

  @Test
  void shouldAbortWhenTheCoordinatorHasEndedTheProducersTransaction() {
    TransactionListing listing = ours(TransactionState.EMPTY);
    TransactionDescription view = view(7L, TransactionState.EMPTY, Set.of());

    assertThat(OPEN_ON_OFFSETS.verdict(listing, view, PREFIX, true)).isEqualTo(Verdict.ABORT);
  }

  @Test
  void shouldAbortWhenTheCoordinatorsOngoingTransactionLacksThePartition() {
    TransactionListing listing = ours(TransactionState.ONGOING);
    TransactionDescription view = view(7L, TransactionState.ONGOING, Set.of(CHANGELOG));

    assertThat(OPEN_ON_OFFSETS.verdict(listing, view, PREFIX, true)).isEqualTo(Verdict.ABORT);
  }

  @Test
  void shouldAbortWhenNoCoordinatorKnowsTheProducer() {
    assertThat(OPEN_ON_OFFSETS.verdict(null, null, PREFIX, true)).isEqualTo(Verdict.ABORT);
  }

  @Test
  void shouldLeaveATransactionTheCoordinatorIsStillDriving() {
    for (TransactionState state :
        new TransactionState[] {
          TransactionState.ONGOING, TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT
        }) {
      TransactionListing listing = ours(state);
      TransactionDescription view = view(7L, state, Set.of(OFFSETS, CHANGELOG));

      assertThat(OPEN_ON_OFFSETS.verdict(listing, view, PREFIX, true))
          .as("state %s", state)
          .isEqualTo(Verdict.LEAVE);
    }
  }

  @Test
  void shouldLeaveAnotherApplicationsTransactions() {
    TransactionListing listing =
        new TransactionListing("billing-7", 7L, TransactionState.COMPLETE_COMMIT);
    TransactionDescription view = view(7L, TransactionState.COMPLETE_COMMIT, Set.of());

    assertThat(OPEN_ON_OFFSETS.verdict(listing, view, PREFIX, true)).isEqualTo(Verdict.LEAVE);
  }

  @Test
  void shouldCommitWhenTheCoordinatorCommittedThatTransactionWithoutThePartition() {
    TransactionListing listing = ours(TransactionState.COMPLETE_COMMIT);
    // Transaction version 2: the coordinator ends a transaction by bumping the epoch by one.
    TransactionDescription view = view(7L, TransactionState.COMPLETE_COMMIT, Set.of(), 335);

    assertThat(OPEN_ON_OFFSETS.verdict(listing, view, PREFIX, true)).isEqualTo(Verdict.COMMIT);
  }

  @Test
  void shouldNotCommitUnderTransactionVersionOneWhereTheEpochTellsNothing() {
    TransactionListing listing = ours(TransactionState.COMPLETE_COMMIT);
    for (int epoch : new int[] {334, 335}) {
      TransactionDescription view = view(7L, TransactionState.COMPLETE_COMMIT, Set.of(), epoch);

      assertThat(OPEN_ON_OFFSETS.verdict(listing, view, PREFIX, false))
          .as("coordinator at epoch %d", epoch)
          .isEqualTo(Verdict.ABORT);
    }
  }

  @Test
  void shouldNotCommitOnTheCoordinatorsViewAtTheSameEpoch() {
    TransactionListing listing = ours(TransactionState.COMPLETE_COMMIT);
    TransactionDescription view = view(7L, TransactionState.COMPLETE_COMMIT, Set.of(), 334);

    assertThat(OPEN_ON_OFFSETS.verdict(listing, view, PREFIX, true)).isEqualTo(Verdict.ABORT);
  }

  @Test
  void shouldAbortWhenTheCoordinatorAbortedThatTransactionWithoutThePartition() {
    TransactionListing listing = ours(TransactionState.COMPLETE_ABORT);
    TransactionDescription view = view(7L, TransactionState.COMPLETE_ABORT, Set.of(), 335);

    assertThat(OPEN_ON_OFFSETS.verdict(listing, view, PREFIX, true)).isEqualTo(Verdict.ABORT);
  }

  @Test
  void shouldNotCommitOnTheStrengthOfALaterTransactionOfTheProducer() {
    TransactionListing listing = ours(TransactionState.COMPLETE_COMMIT);
    TransactionDescription later = view(7L, TransactionState.COMPLETE_COMMIT, Set.of(), 338);
    TransactionDescription otherProducer =
        view(8L, TransactionState.COMPLETE_COMMIT, Set.of(), 334);

    assertThat(OPEN_ON_OFFSETS.verdict(listing, later, PREFIX, true)).isEqualTo(Verdict.ABORT);
    assertThat(OPEN_ON_OFFSETS.verdict(listing, otherProducer, PREFIX, true))
        .isEqualTo(Verdict.ABORT);
  }

  /** The coordinator's listing of the application's own producer 7. */
  private static TransactionListing ours(TransactionState state) {
    return new TransactionListing(OWN_ID, 7L, state);
  }

  private static TransactionDescription view(
      long producerId, TransactionState state, Set<TopicPartition> partitions) {
    return view(producerId, state, partitions, 336);
  }

  private static TransactionDescription view(
      long producerId, TransactionState state, Set<TopicPartition> partitions, int epoch) {
    return new TransactionDescription(
        1, state, producerId, epoch, 10_000, OptionalLong.empty(), partitions);
  }
}
