package dev.salespulse.web.recovery;

import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;

/**
 * An open transaction seen on one partition, and what to do with it judged by its coordinator's
 * view of the producer ({@link #verdict}).
 */
record OpenTransaction(
    TopicPartition partition, long producerId, int epoch, long firstOffset, int coordinatorEpoch) {

  /** What to do with an open transaction. */
  enum Verdict {
    /** Its coordinator still drives it, or it is another application's. */
    LEAVE,
    /** Its coordinator completed it as committed without this partition's marker. */
    COMMIT,
    /** Its coordinator completed it as aborted, or no longer knows its outcome. */
    ABORT
  }

  /**
   * What to do with this open transaction.
   *
   * @param listing the coordinator's transactional id of the producer, null when it has none
   * @param view the coordinator's description of that transactional id, null when it has none
   * @param transactionalIdPrefix what the application's transactional ids start with
   */
  Verdict verdict(
      TransactionListing listing, TransactionDescription view, String transactionalIdPrefix) {
    if (listing != null && !listing.transactionalId().startsWith(transactionalIdPrefix)) {
      return Verdict.LEAVE; // another application's producer: its own coordinator's business
    }
    if (tracked(view)) {
      return Verdict.LEAVE;
    }
    // The coordinator ends a transaction at its epoch (transaction version 1) or one above it
    // (version 2); an epoch further on belongs to a later transaction of the producer.
    boolean sameTransaction =
        view != null
            && view.producerId() == producerId
            && view.producerEpoch() >= epoch
            && view.producerEpoch() <= epoch + 1;
    return sameTransaction && view.state() == TransactionState.COMPLETE_COMMIT
        ? Verdict.COMMIT
        : Verdict.ABORT;
  }

  /** Whether the coordinator will still complete this transaction on this partition. */
  private boolean tracked(TransactionDescription view) {
    if (view == null || view.producerId() != producerId) {
      return false;
    }
    TransactionState state = view.state();
    boolean inProgress = state == TransactionState.ONGOING || completing(view);
    return inProgress && view.topicPartitions().contains(partition);
  }

  /** Whether the coordinator is writing this transactional id's markers now. */
  static boolean completing(TransactionDescription view) {
    TransactionState state = view.state();
    return state == TransactionState.PREPARE_COMMIT
        || state == TransactionState.PREPARE_ABORT
        || state == TransactionState.PREPARE_EPOCH_FENCE;
  }
}
