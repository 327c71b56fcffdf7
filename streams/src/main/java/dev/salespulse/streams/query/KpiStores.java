package dev.salespulse.streams.query;

import dev.salespulse.streams.stores.KpiTotals;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Read access to the stores the queries need, from a running {@link KafkaStreams} or, in tests,
 * from a {@code TopologyTestDriver}.
 *
 * <p>Limit: reads the stores of this instance only. With several instances, a scope owned by
 * another one is not yet fetched from it (the contract's {@code queryMetadataForKey} routing).
 */
public record KpiStores(
    Supplier<ReadOnlyKeyValueStore<String, KpiTotals>> days,
    Supplier<ReadOnlyKeyValueStore<String, String>> reps,
    BooleanSupplier stale) {

  public static KpiStores of(KafkaStreams streams, String dayStore, String repsStore) {
    return new KpiStores(
        () -> store(streams, dayStore),
        () -> store(streams, repsStore),
        () -> streams.state() != KafkaStreams.State.RUNNING);
  }

  private static <V> ReadOnlyKeyValueStore<String, V> store(KafkaStreams streams, String name) {
    try {
      return streams.store(
          StoreQueryParameters.fromNameAndType(
              name, QueryableStoreTypes.<String, V>keyValueStore()));
    } catch (InvalidStateStoreException e) {
      throw new StoresUnavailableException(
          "state store " + name + " is not queryable while Kafka Streams is " + streams.state(), e);
    }
  }
}
