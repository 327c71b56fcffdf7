package dev.salespulse.streams.topology;

import dev.salespulse.streams.stores.OpenOrder;
import dev.salespulse.streams.stores.OrderPage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps an order task's placed orders only as long as a cancellation or refund may still arrive:
 * {@code SALESPULSE_ORDER_RETENTION} after the order was counted (the processing clock, as dedup
 * measures its retention, so a replayed backlog does not expire what it just placed).
 *
 * <p>Orders are indexed by time in {@link OrderPage pages} of up to {@value OrderPage#CAPACITY}
 * orderIds in placement order, keyed by the time the page was opened, as {@link EventIds} keeps
 * event ids: a placed order appends its id to the open page in memory, and the page is put when the
 * next page replaces it and inside every commit ({@link #writeOpenPage}), so the index costs about
 * one write per page rather than one per order. {@link #expire} reads the oldest pages and deletes
 * the orders of each page whose newest placement is older than the retention; an order placed again
 * under the same id since (after it had expired) carries a newer placement time and stays. An order
 * past its retention counts as gone at once ({@link #expired}), whether or not its page was cleaned
 * yet.
 *
 * <p>Orders stored by earlier builds carry no placement time and are in no page: the first clean-up
 * after a start that found the index empty but orders stored puts them on pages as placed then.
 */
final class OrderExpiry {
  static final Duration EXPIRY_INTERVAL = Duration.ofMinutes(1);

  /** Pages read at least per clean-up; a run also reads twice the pages opened since the last. */
  static final int EXPIRY_BATCH = 1_000;

  private final KeyValueStore<String, OpenOrder> orders;
  private final KeyValueStore<Long, OrderPage> pages;
  private final long retentionMs;
  private OrderPage open;
  private boolean openUnwritten;
  private long newestKey = Long.MIN_VALUE;
  private Long oldestKey;
  private int openedSinceExpiry;
  private boolean indexEarlierOrders;

  /** Call once the task's stores are restored. */
  OrderExpiry(
      KeyValueStore<String, OpenOrder> orders,
      KeyValueStore<Long, OrderPage> pages,
      Duration retention) {
    this.orders = orders;
    this.pages = pages;
    this.retentionMs = retention.toMillis();
    try (KeyValueIterator<Long, OrderPage> newestFirst = pages.reverseAll()) {
      if (newestFirst.hasNext()) {
        newestKey = newestFirst.next().key;
      }
    }
    if (newestKey == Long.MIN_VALUE) {
      try (KeyValueIterator<String, OpenOrder> any = orders.all()) {
        indexEarlierOrders = any.hasNext();
      }
    }
  }

  /**
   * Indexes an order placed (counted) at {@code placedAt}. Pages never go back in time: after the
   * clock went back (across a restart), an order is indexed at the newest page's time, so it is
   * kept longer, never shorter.
   */
  void placed(String orderId, long placedAt) {
    long at = Math.max(placedAt, newestKey);
    if (open == null || !open.accepts(at)) {
      writeOpenPage();
      newestKey = Math.max(at, newestKey + 1);
      open = new OrderPage(newestKey);
      openedSinceExpiry++;
    }
    open.add(orderId, Math.max(at, open.opened()));
    openUnwritten = true;
  }

  /**
   * Puts the open page if it holds orders the store does not have yet: inside every commit that
   * covers a {@link #placed} order, as {@link EventIds#writeOpenPage} (the store has no record
   * cache, so the put goes into that commit's transaction).
   */
  void writeOpenPage() {
    if (openUnwritten) {
      pages.put(open.opened(), open);
      openUnwritten = false;
    }
  }

  /** Whether the order was placed more than the retention before {@code now}. */
  boolean expired(OpenOrder order, long now) {
    return order.placedAtMs() != OpenOrder.UNKNOWN_PLACEMENT
        && order.placedAtMs() < now - retentionMs;
  }

  /** Deletes the orders of the pages whose every order was placed more than the retention ago. */
  void expire(long now) {
    if (indexEarlierOrders) {
      indexEarlierOrders = false;
      indexUnknownPlacements(now);
    }
    long cutoff = now - retentionMs;
    long budget = Math.max(EXPIRY_BATCH, 2L * openedSinceExpiry);
    openedSinceExpiry = 0;
    List<KeyValue<Long, OrderPage>> due = new ArrayList<>();
    // From the oldest page kept, not the store's start: RocksDB would step over every page
    // deleted since its last compaction. Explicit bounds: a range with an open (null) bound found
    // nothing in a transactional store (page keys are times, never negative).
    try (KeyValueIterator<Long, OrderPage> oldestFirst =
        pages.range(oldestKey == null ? 0L : oldestKey, Long.MAX_VALUE)) {
      for (long read = 0; read < budget && oldestFirst.hasNext(); read++) {
        KeyValue<Long, OrderPage> stored = oldestFirst.next();
        // The open page may hold orders placed since it was last put.
        KeyValue<Long, OrderPage> entry =
            open != null && stored.key == open.opened() ? KeyValue.pair(stored.key, open) : stored;
        if (entry.value.newest() >= cutoff) {
          break;
        }
        due.add(entry);
      }
    }
    for (KeyValue<Long, OrderPage> page : due) {
      for (String orderId : page.value.orderIds()) {
        OpenOrder order = orders.get(orderId);
        if (order != null && order.placedAtMs() <= page.value.newest()) {
          orders.delete(orderId);
        }
      }
      pages.delete(page.key);
      if (open != null && open.opened() == page.key) {
        open = null;
        openUnwritten = false;
      }
      oldestKey = page.key + 1;
    }
    // Orders of earlier builds indexed above: a punctuation, so no commit hook to wait for.
    writeOpenPage();
  }

  /** Puts the orders of earlier builds, which carry no placement time, on pages as placed now. */
  private void indexUnknownPlacements(long now) {
    List<String> unindexed = new ArrayList<>();
    try (KeyValueIterator<String, OpenOrder> all = orders.all()) {
      all.forEachRemaining(
          entry -> {
            if (entry.value.placedAtMs() == OpenOrder.UNKNOWN_PLACEMENT) {
              unindexed.add(entry.key);
            }
          });
    }
    unindexed.forEach(orderId -> placed(orderId, now));
  }
}
