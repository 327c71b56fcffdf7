package dev.salespulse.web.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.web.recovery.HangingTransactions.OpenTransaction;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Which open transactions the application aborts: only its own producers' (or producers no
 * coordinator knows any more), and only on partitions their coordinator will never send a marker
 * to. The whole recovery, through a real broker killed with SalesPulse, is CrashRecoveryTest's.
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
    TransactionListing listing = new TransactionListing(OWN_ID, 7L, TransactionState.EMPTY);
    TransactionDescription view = view(7L, TransactionState.EMPTY, Set.of());

    assertThat(HangingTransactions.hanging(OPEN_ON_OFFSETS, listing, view, PREFIX)).isTrue();
  }

  @Test
  void shouldAbortWhenTheCoordinatorsOngoingTransactionLacksThePartition() {
    TransactionListing listing = new TransactionListing(OWN_ID, 7L, TransactionState.ONGOING);
    TransactionDescription view = view(7L, TransactionState.ONGOING, Set.of(CHANGELOG));

    assertThat(HangingTransactions.hanging(OPEN_ON_OFFSETS, listing, view, PREFIX)).isTrue();
  }

  @Test
  void shouldAbortWhenNoCoordinatorKnowsTheProducer() {
    assertThat(HangingTransactions.hanging(OPEN_ON_OFFSETS, null, null, PREFIX)).isTrue();
  }

  @Test
  void shouldLeaveATransactionTheCoordinatorIsStillDriving() {
    for (TransactionState state :
        new TransactionState[] {
          TransactionState.ONGOING, TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT
        }) {
      TransactionListing listing = new TransactionListing(OWN_ID, 7L, state);
      TransactionDescription view = view(7L, state, Set.of(OFFSETS, CHANGELOG));

      assertThat(HangingTransactions.hanging(OPEN_ON_OFFSETS, listing, view, PREFIX))
          .as("state %s", state)
          .isFalse();
    }
  }

  @Test
  void shouldLeaveAnotherApplicationsTransactions() {
    TransactionListing listing =
        new TransactionListing("billing-7", 7L, TransactionState.COMPLETE_COMMIT);
    TransactionDescription view = view(7L, TransactionState.COMPLETE_COMMIT, Set.of());

    assertThat(HangingTransactions.hanging(OPEN_ON_OFFSETS, listing, view, PREFIX)).isFalse();
  }

  private static TransactionDescription view(
      long producerId, TransactionState state, Set<TopicPartition> partitions) {
    return new TransactionDescription(
        1, state, producerId, 336, 10_000, OptionalLong.empty(), partitions);
  }
}
