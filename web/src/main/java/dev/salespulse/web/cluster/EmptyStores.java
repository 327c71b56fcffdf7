package dev.salespulse.web.cluster;

import dev.salespulse.streams.query.ResolvedKeyValueStore;
import java.time.Instant;
import java.util.NoSuchElementException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** Read-only stores that hold nothing: a partition's share of a store kept for another topic. */
final class EmptyStores {
  private EmptyStores() {}

  @SuppressWarnings("unchecked")
  static <T> T of(QueryableStoreType<T> type) {
    if (type instanceof QueryableStoreTypes.KeyValueStoreType
        || type instanceof ResolvedKeyValueStore.Type) {
      return (T) new KeyValueStore<Object, Object>();
    }
    if (type instanceof QueryableStoreTypes.WindowStoreType) {
      return (T) new WindowStore<Object, Object>();
    }
    throw new IllegalStateException("no empty store of type " + type.getClass().getName());
  }

  private static final class KeyValueStore<K, V> implements ReadOnlyKeyValueStore<K, V> {
    @Override
    public V get(K key) {
      return null;
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
      return new Nothing<>();
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
      return new Nothing<>();
    }

    @Override
    public KeyValueIterator<K, V> all() {
      return new Nothing<>();
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
      return new Nothing<>();
    }

    @Override
    public <S extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, S serializer) {
      return new Nothing<>();
    }

    @Override
    public long approximateNumEntries() {
      return 0;
    }
  }

  private static final class WindowStore<K, V> implements ReadOnlyWindowStore<K, V> {
    @Override
    public V fetch(K key, long time) {
      return null;
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, Instant from, Instant to) {
      return new NoWindows<>();
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, Instant from, Instant to) {
      return new NoWindows<>();
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K from, K to, Instant start, Instant end) {
      return new Nothing<>();
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(
        K from, K to, Instant start, Instant end) {
      return new Nothing<>();
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
      return new Nothing<>();
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardAll() {
      return new Nothing<>();
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(Instant from, Instant to) {
      return new Nothing<>();
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetchAll(Instant from, Instant to) {
      return new Nothing<>();
    }
  }

  /** An iterator over no pairs. */
  private static class Nothing<K, V> implements KeyValueIterator<K, V> {
    @Override
    public boolean hasNext() {
      return false;
    }

    @Override
    public KeyValue<K, V> next() {
      throw new NoSuchElementException();
    }

    @Override
    public K peekNextKey() {
      throw new NoSuchElementException();
    }

    @Override
    public void close() {}
  }

  /** An iterator over no windows of a key. */
  private static final class NoWindows<V> extends Nothing<Long, V>
      implements WindowStoreIterator<V> {}
}
