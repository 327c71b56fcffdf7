package dev.salespulse.streams.topology;

import dev.salespulse.streams.stores.KpiTotals;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The buckets a task changed since it last wrote them, held as objects in memory and put into their
 * stores together, once per commit ({@link #write}, from the buckets' {@link CommitHook}).
 *
 * <p>This is what Kafka Streams' record cache did for these stores, without what it costs per
 * delta: the cache keeps values serialized, so every delta deserialized its bucket and serialized
 * it again, and it looks keys up in a sorted map of byte arrays. Its clean entries also filled the
 * heap (about 140,000 minute buckets during a catch-up). The stores are not cached, so a write from
 * the commit hook goes into the transaction being committed, whichever order the task flushes its
 * caches in. Queries read what a store was given before it is committed ({@code StreamsProperties}:
 * {@code READ_UNCOMMITTED}), as they read the cache's dirty entries before: a delta put at once
 * ({@code now}, a live floor's) reaches them as soon as it did; a backlog's at the commit.
 *
 * <p>A delta put at once is added to what is pending for its bucket, and the sum is forgotten only
 * once put: a failed add leaves what was pending to the commit.
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
   *     {@link #write}
   */
  void addToMinute(String scope, long start, KpiTotals delta, boolean now) {
    Bucket bucket = new Bucket(scope, start);
    KpiTotals current = pendingMinutes.get(bucket);
    if (current == null) {
      current = minutes.fetch(scope, start);
    }
    KpiTotals sum = current == null ? delta : current.plus(delta);
    if (now) {
      minutes.put(scope, sum, start);
      pendingMinutes.remove(bucket);
    } else {
      pendingMinutes.put(bucket, sum);
    }
  }

  /** Adds gross revenue to the scope's revenue-profile bucket starting at {@code start}. */
  void addToProfile(String scope, long start, long grossMinor, boolean now) {
    Bucket bucket = new Bucket(scope, start);
    Long current = pendingProfile.get(bucket);
    if (current == null) {
      current = profile.fetch(scope, start);
    }
    long sum = Math.addExact(current == null ? 0 : current, grossMinor);
    if (now) {
      profile.put(scope, sum, start);
      pendingProfile.remove(bucket);
    } else {
      pendingProfile.put(bucket, sum);
    }
  }

  /** Adds a delta to the day bucket of {@code dayKey} ({@code DayKey}). */
  void addToDay(String dayKey, KpiTotals delta, boolean now) {
    KpiTotals current = day(dayKey);
    KpiTotals sum = current == null ? delta : current.plus(delta);
    if (now) {
      days.put(dayKey, sum);
      pendingDays.remove(dayKey);
    } else {
      pendingDays.put(dayKey, sum);
    }
  }

  /** The day bucket of {@code dayKey} as it stands, pending changes included; null if none. */
  KpiTotals day(String dayKey) {
    KpiTotals pending = pendingDays.get(dayKey);
    return pending != null ? pending : days.get(dayKey);
  }

  /**
   * Puts every pending bucket into its store, except minute and profile buckets that have fallen
   * out of their retention since they were added: within one commit of a backlog the newest event
   * can move on by days, and such a bucket would never be read. Put, it would only make the window
   * store log that it skips a record for an expired segment (when its segment is gone already).
   *
   * @param minutesAfter the start a minute bucket must be later than to be put
   * @param profileAfter the start a revenue-profile bucket must be later than to be put
   */
  void write(long minutesAfter, long profileAfter) {
    pendingMinutes.forEach(
        (bucket, totals) -> {
          if (bucket.start() > minutesAfter) {
            minutes.put(bucket.scope(), totals, bucket.start());
          }
        });
    pendingMinutes.clear();
    pendingProfile.forEach(
        (bucket, gross) -> {
          if (bucket.start() > profileAfter) {
            profile.put(bucket.scope(), gross, bucket.start());
          }
        });
    pendingProfile.clear();
    pendingDays.forEach(days::put);
    pendingDays.clear();
  }

  /** A scope's window-store bucket: minute or quarter hour, by its start (epoch millis). */
  private record Bucket(String scope, long start) {}
}
