package dev.salespulse.streams.stores;

import java.util.Arrays;

/**
 * Up to {@link #CAPACITY} event ids (as {@link EventIdHash}es) with the wall-clock time each was
 * counted, in the order they arrived. A dedup store keeps one page per key instead of one entry per
 * id, so a commit writes one RocksDB entry and one changelog record for many ids. A page is mutable
 * while it fills; it is serialized whenever it is put, so the store never sees a later change.
 *
 * <p>Times are kept relative to the page's {@link #base()}, which must be within an {@code int} of
 * milliseconds (about 24 days) of every time on the page: {@link #accepts(long)} says whether one
 * more id fits.
 */
public final class EventIdPage {
  public static final int CAPACITY = 64;

  private final long base;
  private final long[] high;
  private final long[] low;
  private final int[] offsets;
  private int size;

  public EventIdPage(long base) {
    this(base, new long[CAPACITY], new long[CAPACITY], new int[CAPACITY], 0);
  }

  EventIdPage(long base, long[] high, long[] low, int[] offsets, int size) {
    this.base = base;
    this.high = high;
    this.low = low;
    this.offsets = offsets;
    this.size = size;
  }

  public long base() {
    return base;
  }

  public int size() {
    return size;
  }

  public EventIdHash hash(int i) {
    return new EventIdHash(high[checked(i)], low[i]);
  }

  public long countedAt(int i) {
    return base + offsets[checked(i)];
  }

  /** Whether the page holds the id. */
  public boolean holds(EventIdHash hash) {
    for (int i = 0; i < size; i++) {
      if (high[i] == hash.high() && low[i] == hash.low()) {
        return true;
      }
    }
    return false;
  }

  /** Whether an id counted at {@code countedAt} fits on this page. */
  public boolean accepts(long countedAt) {
    long offset = countedAt - base;
    return size < CAPACITY && offset >= Integer.MIN_VALUE && offset <= Integer.MAX_VALUE;
  }

  public void add(EventIdHash hash, long countedAt) {
    if (!accepts(countedAt)) {
      throw new IllegalStateException(
          "page of " + base + " cannot take an id counted at " + countedAt);
    }
    high[size] = hash.high();
    low[size] = hash.low();
    offsets[size] = (int) (countedAt - base);
    size++;
  }

  /** Drops every id counted before {@code cutoff}, keeping the order of the others. */
  public void removeCountedBefore(long cutoff) {
    int kept = 0;
    for (int i = 0; i < size; i++) {
      if (base + offsets[i] >= cutoff) {
        high[kept] = high[i];
        low[kept] = low[i];
        offsets[kept] = offsets[i];
        kept++;
      }
    }
    size = kept;
  }

  long[] highs() {
    return high;
  }

  long[] lows() {
    return low;
  }

  int[] offsets() {
    return offsets;
  }

  private int checked(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("id " + i + " of a page of " + size);
    }
    return i;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof EventIdPage page) || page.base != base || page.size != size) {
      return false;
    }
    return Arrays.equals(high, 0, size, page.high, 0, size)
        && Arrays.equals(low, 0, size, page.low, 0, size)
        && Arrays.equals(offsets, 0, size, page.offsets, 0, size);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(base) * 31 + size;
  }

  @Override
  public String toString() {
    return "EventIdPage[base=" + base + ", size=" + size + "]";
  }
}
