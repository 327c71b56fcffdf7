package dev.salespulse.streams.topology;

import dev.salespulse.streams.stores.KpiTotals;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The buckets a task changed since it last wrote them, held as objects in memory and put into their
 * stores together, once per commit ({@link #write()}, from the buckets' {@link CommitHook}).
 *
 * <p>This is what Kafka Streams' record cache did for these stores, without what it costs per
 * delta: the cache keeps values serialized, so every delta deserialized its bucket and serialized
 * it again, and it looks keys up in a sorted map of byte arrays. Its clean entries also filled the
 * heap (about 140,000 minute buckets during a catch-up). The stores are not cached, so a write from
 * the commit hook goes into the transaction being committed, whichever order the task flushes its
 * caches in, and queries, which read committed state only, see what they saw before.
 */
final class PendingBuckets {
  private final WindowStore<String, KpiTotals> minutes;
  private final KeyValueStore<String, KpiTotals> days;
  private final WindowStore<String, Long> profile;
  private final Map<Bucket, KpiTotals> pendingMinutes = new HashMap<>();
  private final Map<String, KpiTotals> pendingDays = new HashMap<>();
  private final Map<Bucket, Long> pendingProfile = new HashMap<>();

  PendingBuckets(
      WindowStore<String, KpiTotals> minutes,
      KeyValueStore<String, KpiTotals> days,
      WindowStore<String, Long> profile) {
    this.minutes = minutes;
    this.days = days;
    this.profile = profile;
  }

  /**
   * Adds a delta to the scope's minute bucket starting at {@code start}.
   *
   * @param now put the bucket into its store at once (a live floor's delta) instead of at the next
   *     {@link #write()}
   */
  void addToMinute(String scope, long start, KpiTotals delta, boolean now) {
    Bucket bucket = new Bucket(scope, start);
    KpiTotals current = now ? pendingMinutes.remove(bucket) : pendingMinutes.get(bucket);
    if (current == null) {
      current = minutes.fetch(scope, start);
    }
    KpiTotals sum = current == null ? delta : current.plus(delta);
    if (now) {
      minutes.put(scope, sum, start);
    } else {
      pendingMinutes.put(bucket, sum);
    }
  }

  /** Adds gross revenue to the scope's revenue-profile bucket starting at {@code start}. */
  void addToProfile(String scope, long start, long grossMinor, boolean now) {
    Bucket bucket = new Bucket(scope, start);
    Long current = now ? pendingProfile.remove(bucket) : pendingProfile.get(bucket);
    if (current == null) {
      current = profile.fetch(scope, start);
    }
    long sum = Math.addExact(current == null ? 0 : current, grossMinor);
    if (now) {
      profile.put(scope, sum, start);
    } else {
      pendingProfile.put(bucket, sum);
    }
  }

  /** Adds a delta to the day bucket of {@code dayKey} ({@code DayKey}). */
  void addToDay(String dayKey, KpiTotals delta, boolean now) {
    KpiTotals current = now ? pendingDays.remove(dayKey) : pendingDays.get(dayKey);
    if (current == null) {
      current = days.get(dayKey);
    }
    KpiTotals sum = current == null ? delta : current.plus(delta);
    if (now) {
      days.put(dayKey, sum);
    } else {
      pendingDays.put(dayKey, sum);
    }
  }

  /** The day bucket of {@code dayKey} as it stands, pending changes included; null if none. */
  KpiTotals day(String dayKey) {
    KpiTotals pending = pendingDays.get(dayKey);
    return pending != null ? pending : days.get(dayKey);
  }

  /** Puts every pending bucket into its store. */
  void write() {
    pendingMinutes.forEach((bucket, totals) -> minutes.put(bucket.scope(), totals, bucket.start()));
    pendingMinutes.clear();
    pendingProfile.forEach((bucket, gross) -> profile.put(bucket.scope(), gross, bucket.start()));
    pendingProfile.clear();
    pendingDays.forEach(days::put);
    pendingDays.clear();
  }

  /** A scope's window-store bucket: minute or quarter hour, by its start (epoch millis). */
  private record Bucket(String scope, long start) {}
}
