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
   * <p>COMMIT only where the coordinator's view can only be this transaction's end: under
   * transaction version 2 the coordinator ends every transaction by bumping the producer's epoch,
   * so {@code CompleteCommit} at exactly one above the open transaction's epoch is its commit.
   * Under version 1 the epoch stays the same from one transaction to the next, so a {@code
   * CompleteCommit} may be a later transaction's, and the verdict is ABORT, as Kafka's own tool
   * would do.
   *
   * @param listing the coordinator's transactional id of the producer, null when it has none
   * @param view the coordinator's description of that transactional id, null when it has none
   * @param transactionalIdPrefix what the application's transactional ids start with
   * @param epochBumpedAtEnd whether the cluster's {@code transaction.version} is 2 or more
   */
  Verdict verdict(
      TransactionListing listing,
      TransactionDescription view,
      String transactionalIdPrefix,
      boolean epochBumpedAtEnd) {
    if (listing != null && !listing.transactionalId().startsWith(transactionalIdPrefix)) {
      return Verdict.LEAVE; // another application's producer: its own coordinator's business
    }
    if (tracked(view)) {
      return Verdict.LEAVE;
    }
    boolean itsEnd =
        epochBumpedAtEnd
            && view != null
            && view.producerId() == producerId
            && view.producerEpoch() == epoch + 1;
    return itsEnd && view.state() == TransactionState.COMPLETE_COMMIT
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
