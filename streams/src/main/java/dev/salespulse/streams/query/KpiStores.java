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

/**
 * Read access to the stores the queries need, from a running {@link KafkaStreams} or, in tests,
 * from a {@code TopologyTestDriver}.
 *
 * <p>These are this instance's stores only; {@link Partials} implementations add up those of the
 * other instances.
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
    return of(streams, () -> false);
  }

  /**
   * @param brokersAway whether the Kafka brokers are unreachable: the stores still answer, with
   *     what this instance had counted when they went away, marked stale
   */
  public static KpiStores of(KafkaStreams streams, BooleanSupplier brokersAway) {
    return new KpiStores(
        () -> store(streams, StoreNames.KPI_DAY, QueryableStoreTypes.keyValueStore()),
        () -> store(streams, StoreNames.KPI_MINUTE, QueryableStoreTypes.windowStore()),
        () -> store(streams, StoreNames.REPS, QueryableStoreTypes.keyValueStore()),
        () -> store(streams, StoreNames.TARGETS, QueryableStoreTypes.keyValueStore()),
        () -> store(streams, StoreNames.REVENUE_PROFILE, QueryableStoreTypes.windowStore()),
        // Read once per customer of a period: its partitions are looked up once per query.
        () -> store(streams, StoreNames.CUSTOMER_FIRST_ORDER, ResolvedKeyValueStore.type()),
        () -> store(streams, StoreNames.CUSTOMER_DAYS, QueryableStoreTypes.keyValueStore()),
        () -> streams.state() != KafkaStreams.State.RUNNING || brokersAway.getAsBoolean());
  }

  private static <T> T store(KafkaStreams streams, String name, QueryableStoreType<T> type) {
    try {
      return streams.store(StoreQueryParameters.fromNameAndType(name, type));
    } catch (InvalidStateStoreException | IllegalStateException e) {
      // IllegalStateException: Kafka Streams is shutting down, shut down or failed.
      throw new StoresUnavailableException(
          "state store " + name + " is not queryable while Kafka Streams is " + streams.state(), e);
    }
  }
}
