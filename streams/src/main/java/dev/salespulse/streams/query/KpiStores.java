package dev.salespulse.streams.query;

import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.stores.StoreNames;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.slf4j.LoggerFactory;

/**
 * Read access to the stores the queries need, from a running {@link KafkaStreams} or, in tests,
 * from a {@code TopologyTestDriver}.
 *
 * <p>Limit: reads the stores of this instance only. With several instances, a scope owned by
 * another one is not yet fetched from it (the contract's {@code queryMetadataForKey} routing), so
 * every answer is then marked {@code stale}.
 */
public record KpiStores(
    Supplier<ReadOnlyKeyValueStore<String, KpiTotals>> days,
    Supplier<ReadOnlyWindowStore<String, KpiTotals>> minutes,
    Supplier<ReadOnlyKeyValueStore<String, String>> reps,
    Supplier<ReadOnlyKeyValueStore<String, String>> targets,
    Supplier<ReadOnlyWindowStore<String, Long>> revenueProfile,
    Supplier<ReadOnlyKeyValueStore<String, Long>> customerFirstOrders,
    Supplier<ReadOnlyKeyValueStore<String, String>> customerDays,
    BooleanSupplier stale) {

  public static KpiStores of(KafkaStreams streams) {
    return new KpiStores(
        () -> store(streams, StoreNames.KPI_DAY, QueryableStoreTypes.keyValueStore()),
        () -> store(streams, StoreNames.KPI_MINUTE, QueryableStoreTypes.windowStore()),
        () -> store(streams, StoreNames.REPS, QueryableStoreTypes.keyValueStore()),
        () -> store(streams, StoreNames.TARGETS, QueryableStoreTypes.keyValueStore()),
        () -> store(streams, StoreNames.REVENUE_PROFILE, QueryableStoreTypes.windowStore()),
        () -> store(streams, StoreNames.CUSTOMER_FIRST_ORDER, QueryableStoreTypes.keyValueStore()),
        () -> store(streams, StoreNames.CUSTOMER_DAYS, QueryableStoreTypes.keyValueStore()),
        () -> streams.state() != KafkaStreams.State.RUNNING || sharedWithOtherInstances(streams));
  }

  /**
   * With several instances each holds only its partitions' stores, and answers from one instance
   * would be partial until queries are routed: flag them as not to be trusted, and say so once.
   */
  private static boolean sharedWithOtherInstances(KafkaStreams streams) {
    boolean shared = streams.metadataForAllStreamsClients().size() > 1;
    if (shared && !warnedAboutOtherInstances) {
      warnedAboutOtherInstances = true;
      LoggerFactory.getLogger(KpiStores.class)
          .warn(
              "Other SalesPulse instances share this application id: answers come from this"
                  + " instance's partitions only and are marked stale (routing is not built yet)");
    }
    return shared;
  }

  private static volatile boolean warnedAboutOtherInstances;

  private static <T> T store(KafkaStreams streams, String name, QueryableStoreType<T> type) {
    try {
      return streams.store(StoreQueryParameters.fromNameAndType(name, type));
    } catch (InvalidStateStoreException e) {
      throw new StoresUnavailableException(
          "state store " + name + " is not queryable while Kafka Streams is " + streams.state(), e);
    }
  }
}
