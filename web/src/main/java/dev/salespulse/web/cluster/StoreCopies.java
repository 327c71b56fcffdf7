package dev.salespulse.web.cluster;

import dev.salespulse.streams.query.KpiStores;
import dev.salespulse.streams.query.StoresUnavailableException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreType;

/**
 * How this instance's partials find their stores: as Kafka Streams serves them by default (every
 * running active task, all partitions together) or, inside {@link #reading}, the copy of one
 * partition this instance holds, whether its task is active, restoring or a standby replica ({@code
 * enableStaleStores().withPartition(p)}). Within one partition's reading, a store kept per
 * partition of another source topic reads as empty, so a partial adds exactly that partition's
 * share; global stores (roster, targets) read as always.
 */
final class StoreCopies implements KpiStores.StoreLookup {
  private final KafkaStreams streams;
  private final Map<String, String> topicOfStore;
  private final Set<String> globalStores;
  private final ThreadLocal<TopicPartition> only = new ThreadLocal<>();

  /**
   * @param topology the running topology's description: which source topic each store is kept per
   *     partition of
   * @param sourceTopics the source topics of the KPI stores ({@link PartitionCoverage})
   */
  StoreCopies(KafkaStreams streams, TopologyDescription topology, Set<String> sourceTopics) {
    this.streams = streams;
    this.topicOfStore = topicOfStore(topology, sourceTopics);
    Set<String> global = new HashSet<>();
    topology.globalStores().forEach(store -> global.addAll(store.processor().stores()));
    this.globalStores = Set.copyOf(global);
  }

  /** {@code partial} computed from this instance's copy of {@code partition} alone. */
  <T> T reading(TopicPartition partition, Supplier<T> partial) {
    TopicPartition outer = only.get();
    only.set(partition);
    try {
      return partial.get();
    } finally {
      if (outer == null) {
        only.remove();
      } else {
        only.set(outer);
      }
    }
  }

  @Override
  public <T> T store(String name, QueryableStoreType<T> type) {
    TopicPartition partition = only.get();
    if (partition == null || globalStores.contains(name)) {
      return KpiStores.store(streams, name, type);
    }
    String topic = topicOfStore.get(name);
    if (topic == null) {
      throw new StoresUnavailableException(
          "state store " + name + " is not kept per partition of a KPI source topic", null);
    }
    if (!topic.equals(partition.topic())) {
      return EmptyStores.of(type);
    }
    try {
      return streams.store(
          StoreQueryParameters.fromNameAndType(name, type)
              .enableStaleStores()
              .withPartition(partition.partition()));
    } catch (InvalidStateStoreException | IllegalStateException e) {
      throw new StoresUnavailableException(
          "this instance's copy of " + partition + " (" + name + ") cannot be read", e);
    }
  }

  /** The source topic {@code store} is kept per partition of, if it is one of the KPI stores'. */
  Optional<String> topicOf(String store) {
    return Optional.ofNullable(topicOfStore.get(store));
  }

  boolean isGlobal(String store) {
    return globalStores.contains(store);
  }

  /** Each store of a sub-topology fed by one of the source topics, and that topic. */
  private static Map<String, String> topicOfStore(
      TopologyDescription topology, Set<String> sourceTopics) {
    Map<String, String> topics = new HashMap<>();
    for (TopologyDescription.Subtopology subtopology : topology.subtopologies()) {
      // A description names internal topics without the application id: scope-deltas-repartition.
      List<String> fed =
          subtopology.nodes().stream()
              .filter(TopologyDescription.Source.class::isInstance)
              .flatMap(node -> ((TopologyDescription.Source) node).topicSet().stream())
              .flatMap(
                  described ->
                      sourceTopics.stream()
                          .filter(
                              topic -> topic.equals(described) || topic.endsWith("-" + described)))
              .distinct()
              .toList();
      if (fed.size() != 1) {
        continue;
      }
      for (TopologyDescription.Node node : subtopology.nodes()) {
        if (node instanceof TopologyDescription.Processor processor) {
          processor.stores().forEach(store -> topics.put(store, fed.get(0)));
        }
      }
    }
    return Map.copyOf(topics);
  }
}
