package dev.salespulse.streams.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Removes event ids older than the dedup retention from an ingest processor's id store, a slice at
 * a time so that a punctuation never walks the whole store: every {@link #INTERVAL} it reads at
 * least {@link #BATCH} entries, and twice as many as were added since the last slice, continuing
 * where the last slice stopped and starting over at the end. Reading twice the arrivals keeps the
 * sweep ahead of any ingest rate, so the store stays near a retention's worth of ids. Ids are only
 * ever judged by their own time, so the sweep bounds storage, not correctness.
 */
final class EventIdSweep {
  static final Duration INTERVAL = Duration.ofSeconds(10);
  static final int BATCH = 10_000;

  private final KeyValueStore<String, Long> ids;
  private final long retentionMs;
  private String resumeAfter;
  private long addedSinceLastRun;

  EventIdSweep(KeyValueStore<String, Long> ids, Duration retention) {
    this.ids = ids;
    this.retentionMs = retention.toMillis();
  }

  /** Called for every id put into the store. */
  void added() {
    addedSinceLastRun++;
  }

  void run(long wallClockMs) {
    long budget = Math.max(BATCH, 2 * addedSinceLastRun);
    addedSinceLastRun = 0;
    List<String> expired = new ArrayList<>();
    String last = null;
    long read = 0;
    try (KeyValueIterator<String, Long> slice = ids.range(resumeAfter, null)) {
      while (read < budget && slice.hasNext()) {
        var entry = slice.next();
        if (entry.key.equals(resumeAfter)) {
          continue;
        }
        read++;
        last = entry.key;
        if (entry.value < wallClockMs - retentionMs) {
          expired.add(entry.key);
        }
      }
      resumeAfter = slice.hasNext() ? last : null;
    }
    expired.forEach(ids::delete);
  }
}
