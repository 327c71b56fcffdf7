package dev.salespulse.streams.topology;

import dev.salespulse.streams.stores.EventIdHash;
import dev.salespulse.streams.stores.EventIdPage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The event ids an ingest task has counted within the dedup retention, each with the wall-clock
 * time it was counted.
 *
 * <p>They are kept twice. The changelogged store holds them in {@link EventIdPage pages} of up to
 * {@value EventIdPage#CAPACITY} ids, keyed by the time the page was opened, so keys run in arrival
 * order. Every new id is appended to the open page in memory; the page is put when the next page
 * replaces it and when the task commits ({@link #writeOpenPage}, called from the ingest's {@link
 * CommitHook}), so a commit writes one RocksDB entry and one changelog record per page rather than
 * one per id, which is where the cost of dedup was, and nothing per id: no serialized page and no
 * record-cache entry per event. Because the open page is put inside every commit, each id is in the
 * store (and, under exactly-once, in the same transaction as the event's effects) before its input
 * is committed. Lookups go to an {@link EventIdIndex} in memory, rebuilt from the pages at the
 * first lookup after the task starts (its stores restored).
 *
 * <p>{@link #expire} removes ids older than the retention from both, from the oldest page on: a
 * page whose ids have all expired is deleted, a page with some expired ids is rewritten without
 * them. An id counted again after its retention is on two pages; removing the older page leaves the
 * newer count in the index.
 */
final class EventIds {
  static final Duration EXPIRY_INTERVAL = Duration.ofSeconds(10);

  /** How far behind the newest page an id's time may be before it is counted later than now. */
  static final Duration MAX_CLOCK_BACK = Duration.ofDays(1);

  /** Pages read at least per expiry run; a run also reads twice the pages opened since the last. */
  static final int EXPIRY_BATCH = 1_000;

  private final KeyValueStore<Long, EventIdPage> pages;
  private final long retentionMs;
  private final EventIdIndex index = new EventIdIndex();
  private EventIdPage open;
  private boolean openUnwritten;
  private long newestKey = Long.MIN_VALUE;
  private Long oldestKey;
  private int openedSinceExpiry;
  private boolean loaded;

  /**
   * Over the task's restored store. The ids are read from it at the first lookup, not here: Kafka
   * Streams initializes a thread's processors one after the other before the instance reports
   * running, and reading the ids of a large task there (hundreds of thousands after a busy day,
   * with the JIT compiler still cold) held the whole instance's readiness back, although queries
   * need none of them.
   */
  EventIds(KeyValueStore<Long, EventIdPage> pages, Duration retention) {
    this.pages = pages;
    this.retentionMs = retention.toMillis();
  }

  private void load() {
    if (loaded) {
      return;
    }
    try (KeyValueIterator<Long, EventIdPage> all = pages.all()) {
      while (all.hasNext()) {
        KeyValue<Long, EventIdPage> entry = all.next();
        EventIdPage page = entry.value;
        for (int i = 0; i < page.size(); i++) {
          index.put(page.hash(i), page.countedAt(i));
        }
        if (oldestKey == null) {
          oldestKey = entry.key;
        }
        newestKey = entry.key;
      }
    }
    loaded = true;
  }

  /** Whether the id was counted within the retention before {@code now}. */
  boolean seen(EventIdHash id, long now) {
    load();
    long countedAt = index.countedAt(id);
    return countedAt != EventIdIndex.ABSENT && countedAt >= now - retentionMs;
  }

  /**
   * Remembers the id as counted at {@code now}; or, when the clock is more than {@link
   * #MAX_CLOCK_BACK} behind the newest page (set back across a restart), as counted at that much
   * before the newest page: a page holds times within about 24 days of its key, and an id counted
   * later than it was is remembered longer, never shorter.
   */
  void remember(EventIdHash id, long now) {
    load();
    long at =
        newestKey == Long.MIN_VALUE ? now : Math.max(now, newestKey - MAX_CLOCK_BACK.toMillis());
    if (open == null || !open.accepts(at)) {
      writeOpenPage();
      newestKey = Math.max(at, newestKey + 1);
      open = new EventIdPage(newestKey);
      openedSinceExpiry++;
      if (oldestKey == null) {
        oldestKey = newestKey;
      }
    }
    open.add(id, at);
    openUnwritten = true;
    index.put(id, at);
  }

  /**
   * Puts the open page if it holds ids the store does not have yet. The caller's task must call it
   * inside every commit that covers a {@link #remember}ed id, before the commit's changelog records
   * are flushed (the ingest does so from its {@link CommitHook}): what it puts goes into that
   * commit's transaction because the store has no record cache.
   */
  void writeOpenPage() {
    if (openUnwritten) {
      pages.put(open.base(), open);
      openUnwritten = false;
    }
  }

  /** Ids held in memory (counted within the retention, or expired but not yet removed). */
  int size() {
    load();
    return index.size();
  }

  /** Removes the ids counted more than the retention before {@code now}. */
  void expire(long now) {
    load();
    long cutoff = now - retentionMs;
    long budget = Math.max(EXPIRY_BATCH, 2L * openedSinceExpiry);
    openedSinceExpiry = 0;
    if (oldestKey == null) {
      return;
    }
    List<Long> emptied = new ArrayList<>();
    EventIdPage rewritten = null;
    Long firstKept = null;
    // Explicit bounds: a range with an open (null) bound found nothing in a transactional store.
    try (KeyValueIterator<Long, EventIdPage> oldestFirst = pages.range(oldestKey, Long.MAX_VALUE)) {
      for (long read = 0; read < budget && oldestFirst.hasNext(); read++) {
        KeyValue<Long, EventIdPage> entry = oldestFirst.next();
        EventIdPage page = open != null && entry.key == open.base() ? open : entry.value;
        int expired = forgetExpired(page, cutoff);
        if (expired == page.size()) {
          emptied.add(entry.key);
          continue;
        }
        firstKept = entry.key;
        if (expired > 0) {
          page.removeCountedBefore(cutoff);
          rewritten = page;
        }
        break;
      }
    }
    emptied.forEach(pages::delete);
    if (rewritten != null) {
      pages.put(rewritten.base(), rewritten);
      if (rewritten == open) {
        openUnwritten = false;
      }
    }
    if (open != null && emptied.contains(open.base())) {
      open = null;
      openUnwritten = false;
    }
    if (firstKept != null) {
      oldestKey = firstKept;
    } else if (!emptied.isEmpty()) {
      oldestKey = emptied.get(emptied.size() - 1) + 1;
    }
  }

  private int forgetExpired(EventIdPage page, long cutoff) {
    int expired = 0;
    for (int i = 0; i < page.size(); i++) {
      long countedAt = page.countedAt(i);
      if (countedAt < cutoff) {
        index.removeIfCountedAt(page.hash(i), countedAt);
        expired++;
      }
    }
    return expired;
  }
}
