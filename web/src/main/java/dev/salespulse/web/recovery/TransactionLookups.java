package dev.salespulse.web.recovery;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * What the cluster says of the application's transactions, through the Admin API: the partitions to
 * watch, the open transactions on them, and the coordinators' view of their producers.
 */
final class TransactionLookups {
  private static final String OFFSETS_TOPIC = "__consumer_offsets";

  private final Admin admin;
  private final String groupId;
  private final String transactionalIdPrefix;
  private final Collection<String> outputTopics;
  private final Duration callTimeout;

  TransactionLookups(
      Admin admin, String applicationId, Collection<String> outputTopics, Duration callTimeout) {
    this.admin = admin;
    this.groupId = applicationId;
    this.transactionalIdPrefix = applicationId + "-";
    this.outputTopics = List.copyOf(outputTopics);
    this.callTimeout = callTimeout;
  }

  /**
   * Open transactions on the application's partitions and on the {@code __consumer_offsets}
   * partition of its consumer group (the one Kafka chooses by the group id's hash).
   */
  Set<OpenTransaction> openTransactions(Collection<TopicPartition> partitions)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (partitions.isEmpty()) {
      return Set.of();
    }
    Map<TopicPartition, PartitionProducerState> states =
        admin
            .describeProducers(List.copyOf(partitions))
            .all()
            .get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
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

  /** The partitions to look at, with their leaders (a leader may be null or an empty node). */
  Map<TopicPartition, Node> partitionsToWatch()
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> topics = new HashSet<>();
    for (String topic :
        admin
            .listTopics(new ListTopicsOptions().listInternal(true))
            .names()
            .get(callTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
      // The offsets topic exists once a group has asked for its coordinator: not on a new cluster.
      if (topic.startsWith(transactionalIdPrefix)
          || outputTopics.contains(topic)
          || topic.equals(OFFSETS_TOPIC)) {
        topics.add(topic);
      }
    }
    Map<TopicPartition, Node> partitions = new HashMap<>();
    admin
        .describeTopics(topics)
        .allTopicNames()
        .get(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .forEach(
            (name, description) ->
                description.partitions().stream()
                    .filter(
                        p ->
                            !name.equals(OFFSETS_TOPIC)
                                || p.partition()
                                    == Utils.abs(groupId.hashCode())
                                        % description.partitions().size())
                    .forEach(
                        p -> partitions.put(new TopicPartition(name, p.partition()), p.leader())));
    return partitions;
  }

  /**
   * The cluster's finalized {@code transaction.version}: from 2 on, a coordinator ends every
   * transaction by bumping its producer's epoch (KIP-890). 0 when the feature is not finalized.
   */
  short transactionVersion() throws InterruptedException, ExecutionException, TimeoutException {
    FinalizedVersionRange range =
        admin
            .describeFeatures()
            .featureMetadata()
            .get(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .finalizedFeatures()
            .get("transaction.version");
    return range == null ? 0 : range.maxVersionLevel();
  }

  /** The coordinators' transactional ids of these producers, by producer id. */
  Map<Long, TransactionListing> listingsOf(Collection<OpenTransaction> candidates)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<Long> producerIds = new HashSet<>();
    candidates.forEach(txn -> producerIds.add(txn.producerId()));
    Map<Long, TransactionListing> byProducer = new HashMap<>();
    admin
        .listTransactions(new ListTransactionsOptions().filterProducerIds(producerIds))
        .all()
        .get(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .forEach(listing -> byProducer.put(listing.producerId(), listing));
    return byProducer;
  }

  /** The coordinators' view of the application's own transactional ids among these. */
  Map<String, TransactionDescription> describe(Collection<TransactionListing> listings)
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
        .get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
