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
    return of(
        new StoreLookup() {
          @Override
          public <T> T store(String name, QueryableStoreType<T> type) {
            return KpiStores.store(streams, name, type);
          }
        },
        () -> streams.state() != KafkaStreams.State.RUNNING || brokersAway.getAsBoolean());
  }

  /**
   * The stores as {@code lookup} finds them (e.g. one partition's copy, standby included). An
   * answer is stale when {@code stale} says so, or when part of it was read from a copy that may
   * lag ({@link RequestScope#servedStale()}): the flag is the answer's own, not the instance's.
   */
  public static KpiStores of(StoreLookup lookup, BooleanSupplier stale) {
    return new KpiStores(
        () -> lookup.store(StoreNames.KPI_DAY, QueryableStoreTypes.keyValueStore()),
        () -> lookup.store(StoreNames.KPI_MINUTE, QueryableStoreTypes.windowStore()),
        () -> lookup.store(StoreNames.REPS, QueryableStoreTypes.keyValueStore()),
        () -> lookup.store(StoreNames.TARGETS, QueryableStoreTypes.keyValueStore()),
        () -> lookup.store(StoreNames.REVENUE_PROFILE, QueryableStoreTypes.windowStore()),
        // Read once per customer of a period: its partitions are looked up once per query.
        () -> lookup.store(StoreNames.CUSTOMER_FIRST_ORDER, ResolvedKeyValueStore.type()),
        () -> lookup.store(StoreNames.CUSTOMER_DAYS, QueryableStoreTypes.keyValueStore()),
        () -> stale.getAsBoolean() || RequestScope.servedStale());
  }

  /** How a store is found by its name and type. */
  public interface StoreLookup {
    /**
     * @throws StoresUnavailableException while the store cannot be read
     */
    <T> T store(String name, QueryableStoreType<T> type);
  }

  /** A store of this instance's running active tasks, all partitions together. */
  public static <T> T store(KafkaStreams streams, String name, QueryableStoreType<T> type) {
    try {
      return streams.store(StoreQueryParameters.fromNameAndType(name, type));
    } catch (InvalidStateStoreException | IllegalStateException e) {
      // IllegalStateException: Kafka Streams is shutting down, shut down or failed.
      throw new StoresUnavailableException(
          "state store " + name + " is not queryable while Kafka Streams is " + streams.state(), e);
    }
  }
}
