package dev.salespulse.streams.topology;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads a global store of raw JSON (the roster, the fx rates) and keeps the parsed form of recently
 * used entries, so each event does not parse the same JSON again. An entry whose JSON changed in
 * the store is parsed anew. One instance per processor (not thread-safe).
 */
final class RawJsonLookup<T> {
  private static final int CACHE_SIZE = 10_000;

  private final ReadOnlyKeyValueStore<String, String> store;
  private final Function<String, Optional<T>> parser;
  private final Map<String, Parsed<T>> cache =
      new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Parsed<T>> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  RawJsonLookup(ReadOnlyKeyValueStore<String, String> store, Function<String, Optional<T>> parser) {
    this.store = store;
    this.parser = parser;
  }

  Optional<T> get(String key) {
    String raw = store.get(key);
    if (raw == null) {
      return Optional.empty();
    }
    Parsed<T> cached = cache.get(key);
    if (cached != null && Objects.equals(cached.raw(), raw)) {
      return cached.value();
    }
    Optional<T> value = parser.apply(raw);
    cache.put(key, new Parsed<>(raw, value));
    return value;
  }

  private record Parsed<T>(String raw, Optional<T> value) {}
}
