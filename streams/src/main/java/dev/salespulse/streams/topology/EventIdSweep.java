package dev.salespulse.streams.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Removes event ids older than the dedup retention from an ingest processor's id store, a bounded
 * slice at a time so that a punctuation never stalls the stream thread: every {@link #INTERVAL} it
 * reads at most {@link #BATCH} entries, continuing where the last slice stopped and starting over
 * at the end. At 60,000 entries a minute a week of ids at 100 events/s (60 million) is swept about
 * once a day; ids are only ever judged by their own time, so the sweep bounds storage, not
 * correctness.
 */
final class EventIdSweep {
  static final Duration INTERVAL = Duration.ofSeconds(10);
  static final int BATCH = 10_000;

  private final KeyValueStore<String, Long> ids;
  private final long retentionMs;
  private String resumeAfter;

  EventIdSweep(KeyValueStore<String, Long> ids, Duration retention) {
    this.ids = ids;
    this.retentionMs = retention.toMillis();
  }

  void run(long wallClockMs) {
    List<String> expired = new ArrayList<>();
    String last = null;
    int read = 0;
    try (KeyValueIterator<String, Long> slice = ids.range(resumeAfter, null)) {
      while (read < BATCH && slice.hasNext()) {
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
