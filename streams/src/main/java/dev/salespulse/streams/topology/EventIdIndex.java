package dev.salespulse.streams.topology;

import dev.salespulse.streams.stores.EventIdHash;
import java.util.Arrays;

/**
 * The event ids of one task in memory, hash → the wall-clock time it was counted: an
 * open-addressing table with linear probing over three parallel arrays. A slot takes 24 bytes and
 * the table grows at a load of 0.7, so an id costs about 35–70 bytes of heap and no object. It is a
 * cache of the task's id pages, rebuilt from them whenever the task starts.
 */
final class EventIdIndex {
  static final long ABSENT = Long.MIN_VALUE;
  private static final int INITIAL_CAPACITY = 1 << 10;
  private static final double MAX_LOAD = 0.7;

  private long[] high;
  private long[] low;
  private long[] countedAt;
  private int mask;
  private int size;
  private int resizeAt;

  EventIdIndex() {
    allocate(INITIAL_CAPACITY);
  }

  int size() {
    return size;
  }

  /** When the id was counted, or {@link #ABSENT}. */
  long countedAt(EventIdHash hash) {
    int slot = find(hash.high(), hash.low());
    return slot < 0 ? ABSENT : countedAt[slot];
  }

  void put(EventIdHash hash, long at) {
    if (at == ABSENT) {
      throw new IllegalArgumentException("not a time: " + at);
    }
    int slot = find(hash.high(), hash.low());
    if (slot >= 0) {
      countedAt[slot] = at;
      return;
    }
    if (size + 1 > resizeAt) {
      grow();
    }
    insert(hash.high(), hash.low(), at);
    size++;
  }

  /** Forgets the id if it was last counted at {@code at}; a later count of it stays. */
  void removeIfCountedAt(EventIdHash hash, long at) {
    int slot = find(hash.high(), hash.low());
    if (slot >= 0 && countedAt[slot] == at) {
      removeAt(slot);
      size--;
    }
  }

  private int find(long h, long l) {
    for (int slot = home(l); countedAt[slot] != ABSENT; slot = (slot + 1) & mask) {
      if (low[slot] == l && high[slot] == h) {
        return slot;
      }
    }
    return -1;
  }

  private void insert(long h, long l, long at) {
    int slot = home(l);
    while (countedAt[slot] != ABSENT) {
      slot = (slot + 1) & mask;
    }
    high[slot] = h;
    low[slot] = l;
    countedAt[slot] = at;
  }

  /**
   * Empties a slot and moves later entries of its probe run back into the gap wherever their home
   * slot allows, so every remaining entry stays reachable from its home without tombstones.
   */
  private void removeAt(int slot) {
    int gap = slot;
    for (int next = (slot + 1) & mask; countedAt[next] != ABSENT; next = (next + 1) & mask) {
      int home = home(low[next]);
      if (((next - home) & mask) >= ((next - gap) & mask)) {
        high[gap] = high[next];
        low[gap] = low[next];
        countedAt[gap] = countedAt[next];
        gap = next;
      }
    }
    countedAt[gap] = ABSENT;
  }

  private int home(long l) {
    return (int) (l ^ (l >>> 32)) & mask;
  }

  private void grow() {
    long[] oldHigh = high;
    long[] oldLow = low;
    long[] oldAt = countedAt;
    allocate(oldAt.length * 2);
    for (int i = 0; i < oldAt.length; i++) {
      if (oldAt[i] != ABSENT) {
        insert(oldHigh[i], oldLow[i], oldAt[i]);
      }
    }
  }

  private void allocate(int capacity) {
    high = new long[capacity];
    low = new long[capacity];
    countedAt = new long[capacity];
    Arrays.fill(countedAt, ABSENT);
    mask = capacity - 1;
    resizeAt = (int) (capacity * MAX_LOAD);
  }
}
