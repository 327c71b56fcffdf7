package dev.salespulse.web.live;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Answers kept for one short window (a tick) and shared by every caller asking the same question.
 * The callers that ask while an answer is being computed wait for that one computation instead of
 * each running their own. An entry is as old as the moment its computation started; {@link
 * #invalidate} drops entries at once, computations in flight included (their callers still get
 * their answer, as fresh as an uncached one), so an entry found later was started after the
 * invalidation. Failures are never kept.
 *
 * <p>At most {@code maxEntries} entries: when full, expired ones are dropped, and if it is still
 * full the answer is computed for its caller alone and not kept.
 */
final class TickCache<K, V> {
  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final long ttlNanos;
  private final int maxEntries;
  private final LongSupplier nanoTime;

  TickCache(long ttlNanos, int maxEntries, LongSupplier nanoTime) {
    this.ttlNanos = ttlNanos;
    this.maxEntries = maxEntries;
    this.nanoTime = nanoTime;
  }

  /** What a lookup found: a kept answer, or a computed one. */
  enum Outcome {
    HIT,
    MISS
  }

  /** The kept answer for the key when younger than a tick, else the newly computed one. */
  V get(K key, Supplier<V> compute, Consumer<Outcome> outcome) {
    long now = nanoTime.getAsLong();
    Entry<V> found = entries.get(key);
    if (found != null && now - found.startedNanos < ttlNanos) {
      outcome.accept(Outcome.HIT);
      return found.await();
    }
    if (found != null) {
      entries.remove(key, found);
    }
    outcome.accept(Outcome.MISS);
    if (entries.size() >= maxEntries) {
      entries.values().removeIf(entry -> now - entry.startedNanos >= ttlNanos);
      if (entries.size() >= maxEntries) {
        return compute.get();
      }
    }
    Entry<V> mine = new Entry<>(now);
    Entry<V> other = entries.putIfAbsent(key, mine);
    if (other != null) {
      return other.await();
    }
    return computeInto(key, mine, compute);
  }

  /**
   * Computes the answer anew, whatever is kept, and keeps it in place of the old one; callers that
   * ask meanwhile wait for this computation.
   */
  V refresh(K key, Supplier<V> compute) {
    Entry<V> mine = new Entry<>(nanoTime.getAsLong());
    if (entries.size() >= maxEntries && !entries.containsKey(key)) {
      return compute.get();
    }
    entries.put(key, mine);
    return computeInto(key, mine, compute);
  }

  /** Computes the answer of a kept entry; a failure is passed to its waiters and not kept. */
  private V computeInto(K key, Entry<V> mine, Supplier<V> compute) {
    try {
      V value = compute.get();
      mine.answer.complete(value);
      return value;
    } catch (RuntimeException | Error e) {
      entries.remove(key, mine);
      mine.answer.completeExceptionally(e);
      throw e;
    }
  }

  /** Drops every entry whose key matches, computations in flight included. */
  void invalidate(Predicate<K> stale) {
    entries.keySet().removeIf(stale);
  }

  int size() {
    return entries.size();
  }

  private record Entry<V>(long startedNanos, CompletableFuture<V> answer) {
    Entry(long startedNanos) {
      this(startedNanos, new CompletableFuture<>());
    }

    /** The answer, or the very exception its computation threw. */
    V await() {
      try {
        return answer.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException cause) {
          throw cause;
        }
        if (e.getCause() instanceof Error cause) {
          throw cause;
        }
        throw e;
      }
    }
  }
}
