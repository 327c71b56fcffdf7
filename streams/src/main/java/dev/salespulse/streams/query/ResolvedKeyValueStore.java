package dev.salespulse.streams.query;

import java.util.List;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.internals.StateStoreProvider;

/**
 * A key-value store of this instance whose partitions are looked up once, when it is asked for, for
 * queries that read many keys one by one (the first order of each customer of a period).
 *
 * <p>The store Kafka Streams hands out ({@link QueryableStoreTypes#keyValueStore()}) finds the
 * partitions' stores again at every {@link #get}: it lists every task of every stream thread, under
 * a lock the state updater takes too, which cost more than the reads themselves (over half the CPU
 * of {@code GET /api/v1/kpis?scope=company:all} with a few thousand customers in the day). This one
 * reads the same stores, at the same isolation level, for the life of one query. A store closed in
 * between (its task moved) throws {@link InvalidStateStoreException}, as the other does; iterators
 * go through the usual composite store.
 */
public final class ResolvedKeyValueStore<K, V> implements ReadOnlyKeyValueStore<K, V> {
  private final List<ReadOnlyKeyValueStore<K, V>> partitions;
  private final ReadOnlyKeyValueStore<K, V> composite;

  private ResolvedKeyValueStore(
      List<ReadOnlyKeyValueStore<K, V>> partitions, ReadOnlyKeyValueStore<K, V> composite) {
    this.partitions = partitions;
    this.composite = composite;
  }

  /** The store type to ask {@code KafkaStreams.store} for. */
  static <K, V> QueryableStoreType<ReadOnlyKeyValueStore<K, V>> type() {
    return new Type<>();
  }

  /**
   * The type of a {@link ResolvedKeyValueStore}: a key-value store, as {@link
   * QueryableStoreTypes#keyValueStore()} is, for whoever must tell store types apart.
   */
  public static final class Type<K, V> implements QueryableStoreType<ReadOnlyKeyValueStore<K, V>> {
    private final QueryableStoreType<ReadOnlyKeyValueStore<K, V>> plain =
        QueryableStoreTypes.keyValueStore();

    private Type() {}

    @Override
    public boolean accepts(StateStore stateStore) {
      return plain.accepts(stateStore);
    }

    @Override
    public ReadOnlyKeyValueStore<K, V> create(StateStoreProvider provider, String storeName) {
      IsolationLevel isolation = provider.defaultIsolationLevel();
      List<ReadOnlyKeyValueStore<K, V>> stores =
          provider.stores(storeName, plain).stream()
              .map(store -> store.readOnly(isolation))
              .toList();
      return new ResolvedKeyValueStore<>(stores, plain.create(provider, storeName));
    }
  }

  @Override
  public V get(K key) {
    for (ReadOnlyKeyValueStore<K, V> store : partitions) {
      V value = store.get(key);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  @Override
  public KeyValueIterator<K, V> range(K from, K to) {
    return composite.range(from, to);
  }

  @Override
  public KeyValueIterator<K, V> reverseRange(K from, K to) {
    return composite.reverseRange(from, to);
  }

  @Override
  public KeyValueIterator<K, V> all() {
    return composite.all();
  }

  @Override
  public KeyValueIterator<K, V> reverseAll() {
    return composite.reverseAll();
  }

  @Override
  public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(
      P prefix, PS prefixKeySerializer) {
    return composite.prefixScan(prefix, prefixKeySerializer);
  }

  @Override
  public long approximateNumEntries() {
    return composite.approximateNumEntries();
  }
}
