package dev.salespulse.web.live;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Answers kept for one short window (a tick) and shared by every caller asking the same question.
 *
 * <ul>
 *   <li>The first answer to a question is computed once: callers that ask meanwhile wait for it.
 *   <li>An answer older than a tick, or whose key was {@link #invalidate invalidated}, is computed
 *       anew by the next caller; callers that ask while it is computed get the previous answer at
 *       once instead of waiting (stale while revalidating), as long as it is at most a second older
 *       than a tick. A burst of requests never queues behind a computation.
 *   <li>After an invalidation, an answer is computed anew no sooner than {@link #SPACING} times as
 *       long as its last computation took after that one started: a cheap answer follows every
 *       change at once, an expensive one (a whole company's customers) at most a fifth of the time,
 *       however often its scope changes.
 *   <li>An invalidation that overtakes a computation marks its answer changed too.
 *   <li>A failed computation is never kept: its caller gets the failure, the next caller tries
 *       again.
 * </ul>
 *
 * <p>At most {@code maxEntries} entries: when full, old and changed ones are dropped, and if it is
 * still full the answer is computed for its caller alone and not kept.
 */
final class TickCache<K, V> {
  /** After a change, an answer is computed anew this many times its last computation's length. */
  static final int SPACING = 4;

  /**
   * How much older than a tick a previous answer may be and still be given while its successor is
   * computed; an older one (a computation that takes long, as while partitions move) makes callers
   * wait for the new answer, or its failure, instead.
   */
  static final long MAX_EXTRA_AGE_NANOS = 1_000_000_000L;

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

  /** The kept answer for the key when it is young and unchanged, else one computed now. */
  V get(K key, Supplier<V> compute, Consumer<Outcome> outcome) {
    long now = nanoTime.getAsLong();
    Entry<V> found = entries.get(key);
    if (found != null && (!found.answer.isDone() || !found.due(now, ttlNanos))) {
      outcome.accept(Outcome.HIT);
      return found.await();
    }
    if (found != null && !found.refreshing.compareAndSet(false, true)) {
      outcome.accept(Outcome.HIT); // another caller is computing it anew
      Entry<V> next = found.next;
      return next != null && now - found.startedNanos >= ttlNanos + MAX_EXTRA_AGE_NANOS
          ? next.await()
          : found.await();
    }
    outcome.accept(Outcome.MISS);
    if (found == null && !makeRoom(key, now)) {
      return compute.get();
    }
    Entry<V> mine = new Entry<>(now);
    if (found != null) {
      found.next = mine;
    } else {
      Entry<V> other = entries.putIfAbsent(key, mine);
      if (other != null) {
        return other.await();
      }
    }
    return computeInto(key, found, mine, compute);
  }

  /**
   * Computes the answer anew, whatever is kept, and keeps it in place of the old one, which callers
   * that ask meanwhile get.
   */
  V refresh(K key, Supplier<V> compute) {
    long now = nanoTime.getAsLong();
    Entry<V> found = entries.get(key);
    if (found == null && !makeRoom(key, now)) {
      return compute.get();
    }
    Entry<V> mine = new Entry<>(now);
    if (found == null || !found.answer.isDone()) {
      entries.put(key, mine);
      found = null;
    }
    return computeInto(key, found, mine, compute);
  }

  /** Whether a new key may be kept, after dropping old and changed entries when full. */
  private boolean makeRoom(K key, long now) {
    if (entries.size() < maxEntries || entries.containsKey(key)) {
      return true;
    }
    entries.values().removeIf(entry -> entry.answer.isDone() && entry.due(now, ttlNanos));
    return entries.size() < maxEntries;
  }

  /**
   * Computes into {@code mine}: kept in place of {@code previous} once computed (callers get the
   * previous answer meanwhile), or, without one, already in the map for callers to wait on.
   */
  private V computeInto(K key, Entry<V> previous, Entry<V> mine, Supplier<V> compute) {
    V value;
    try {
      value = compute.get();
    } catch (RuntimeException | Error e) {
      if (previous == null) {
        entries.remove(key, mine);
      } else {
        previous.refreshing.set(false);
      }
      mine.answer.completeExceptionally(e);
      throw e;
    }
    mine.computed(value, nanoTime.getAsLong());
    if (previous != null) {
      entries.replace(key, previous, mine);
      previous.refreshing.set(false);
      // An invalidation that marked the previous entry while this one computed concerns it too.
      mine.changedSince(previous);
    }
    return value;
  }

  /** Marks every entry whose key matches as changed, computations in flight included. */
  void invalidate(Predicate<K> stale) {
    long now = nanoTime.getAsLong();
    entries.forEach(
        (key, entry) -> {
          if (stale.test(key)) {
            entry.changedAt = now;
            entry.changed = true;
          }
        });
  }

  int size() {
    return entries.size();
  }

  private static final class Entry<V> {
    private final long startedNanos;
    private final CompletableFuture<V> answer = new CompletableFuture<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Entry<V> next;
    private volatile long computeNanos;
    private volatile boolean changed;
    private volatile long changedAt;

    Entry(long startedNanos) {
      this.startedNanos = startedNanos;
    }

    void computed(V value, long doneNanos) {
      computeNanos = Math.max(0, doneNanos - startedNanos);
      answer.complete(value);
    }

    void changedSince(Entry<V> previous) {
      if (previous.changed && previous.changedAt - startedNanos >= 0) {
        changedAt = previous.changedAt;
        changed = true;
      }
    }

    /** Whether this answer should be computed anew: a tick old, or changed and spaced enough. */
    boolean due(long now, long ttlNanos) {
      long age = now - startedNanos;
      return age >= ttlNanos || (changed && age >= SPACING * computeNanos);
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
