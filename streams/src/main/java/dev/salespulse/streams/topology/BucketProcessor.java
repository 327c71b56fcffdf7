package dev.salespulse.streams.topology;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salespulse.streams.events.Money;
import dev.salespulse.streams.stores.DayKey;
import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.stores.Retention;
import dev.salespulse.streams.stores.ScopeKind;
import dev.salespulse.streams.stores.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Adds each scope delta to its minute bucket and its business-day bucket. These are running totals,
 * not final window results: a late or out-of-order delta is added to its own buckets for as long as
 * they are kept, so nothing is dropped while a backlog is replayed and partitions catch up at
 * different speeds (the trap of windowed aggregations with a short grace). A minute bucket older
 * than the minute retention (against the newest event time this task has seen, never ahead of the
 * wall clock) is not written; its day bucket still is. Day buckets older than {@link
 * Retention#DAYS} are deleted hourly.
 *
 * <p>Changed day buckets are published to {@code sales.kpi-changes} every {@link #PUBLISH_INTERVAL}
 * (wall clock), or at the next look ({@link Freshness#CHANGES_CHECK_INTERVAL}) after deltas of an
 * ingest's trickle ({@link Freshness#TRICKLE_HEADER}), coalesced: one record per changed scope and
 * day per publication, whatever the number of events.
 */
final class BucketProcessor implements Processor<String, KpiTotals, String, String> {
  static final Duration MINUTE = Duration.ofMinutes(1);

  /**
   * Twice the commit interval ({@link Freshness#COMMIT_INTERVAL}): a change is published in the
   * transaction that commits it or the next one, so the live feed hears of it at most about three
   * commits after the store has it.
   */
  static final Duration PUBLISH_INTERVAL = Duration.ofMillis(100);

  static final Duration CLEANUP_INTERVAL = Duration.ofHours(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ZoneId zone;
  private final Duration minuteRetention;
  private final int currencyDigits;
  private final Set<String> changedDays = new LinkedHashSet<>();
  private ProcessorContext<String, String> context;
  private KeyValueStore<String, KpiTotals> days;
  private PendingBuckets pending;
  private CommitHook commitHook;
  private long newestEventMs = Long.MIN_VALUE;
  private long lastPublishMs;
  private boolean trickle;

  BucketProcessor(ZoneId zone, Duration minuteRetention, int currencyDigits) {
    this.zone = zone;
    this.minuteRetention = minuteRetention;
    this.currencyDigits = currencyDigits;
  }

  @Override
  public void init(ProcessorContext<String, String> context) {
    this.context = context;
    this.days = context.getStateStore(StoreNames.KPI_DAY);
    // A task started again (revived after an error) recounts from its last commit: what an
    // earlier life of this processor held was never committed.
    this.pending =
        new PendingBuckets(
            context.getStateStore(StoreNames.KPI_MINUTE),
            days,
            context.getStateStore(StoreNames.REVENUE_PROFILE));
    this.commitHook =
        CommitHook.install(context, StoreNames.BUCKET_COMMIT_MARKER, this::writePending);
    context.schedule(
        Freshness.CHANGES_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::maybePublish);
    this.lastPublishMs = context.currentSystemTimeMs();
    this.trickle = false;
    context.schedule(CLEANUP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::dropExpiredDays);
  }

  @Override
  public void process(Record<String, KpiTotals> record) {
    String scope = record.key();
    KpiTotals delta = record.value();
    long occurredAt = delta.lastEventMs();
    newestEventMs = Math.max(newestEventMs, occurredAt);
    long reference = Retention.reference(newestEventMs, context.currentSystemTimeMs());

    // A live floor's few deltas are put into the stores at once, for queries to read without
    // waiting for the commit; a backlog's wait for it, then each bucket is put once.
    boolean now = record.headers().lastHeader(Freshness.TRICKLE_HEADER) != null;
    trickle |= now;
    // Armed before the buckets change, so that the next commit writes them.
    commitHook.arm();
    long minuteStart = occurredAt - Math.floorMod(occurredAt, MINUTE.toMillis());
    if (minuteStart > reference - minuteRetention.toMillis()) {
      pending.addToMinute(scope, minuteStart, delta, now);
    }

    long quarterStart = occurredAt - Math.floorMod(occurredAt, Retention.PROFILE_BUCKET.toMillis());
    if (delta.grossMinor() != 0
        && hasTargets(scope)
        && quarterStart > reference - Retention.PROFILE.toMillis()) {
      pending.addToProfile(scope, quarterStart, delta.grossMinor(), now);
    }

    String dayKey = new DayKey(day(occurredAt), scope).toString();
    pending.addToDay(dayKey, delta, now);
    changedDays.add(dayKey);
    // A no-op once armed; without a record cache the hook runs at once, and this run writes the
    // buckets just changed.
    commitHook.arm();
  }

  /** What a trickle changed is published at once; anything else at the publish interval. */
  private void maybePublish(long now) {
    if (trickle || now - lastPublishMs >= PUBLISH_INTERVAL.toMillis()) {
      publishChanges(now);
    }
  }

  /** Scopes that can have targets keep a revenue profile. */
  private static boolean hasTargets(String scope) {
    return ScopeKind.ofKey(scope).map(ScopeKind::hasTargets).orElse(false);
  }

  private LocalDate day(long epochMs) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(epochMs), zone);
  }

  /**
   * Stamped with the wall clock: brokers refuse records stamped more than an hour ahead of their
   * clock, and a day's newest event may be up to seven days ahead.
   */
  private void publishChanges(long now) {
    for (String dayKey : changedDays) {
      KpiTotals totals = pending.day(dayKey);
      if (totals != null) {
        DayKey key = DayKey.parse(dayKey);
        context.forward(new Record<>(key.changeKey(), change(key, totals), now));
      }
    }
    changedDays.clear();
    lastPublishMs = now;
    trickle = false;
  }

  /**
   * Puts what is pending, leaving out the minute and profile buckets that the newest event time has
   * put out of their retention since they were added ({@link PendingBuckets#write}).
   */
  private void writePending() {
    if (newestEventMs == Long.MIN_VALUE) {
      pending.write(Long.MIN_VALUE, Long.MIN_VALUE);
      return;
    }
    long reference = Retention.reference(newestEventMs, context.currentSystemTimeMs());
    pending.write(reference - minuteRetention.toMillis(), reference - Retention.PROFILE.toMillis());
  }

  /** Deletes the day buckets older than {@link Retention#DAYS}: one prefix range of the store. */
  private void dropExpiredDays(long wallClockMs) {
    if (newestEventMs == Long.MIN_VALUE) {
      return;
    }
    // The pending buckets first, so that the range below finds every expired day.
    writePending();
    long reference = Retention.reference(newestEventMs, wallClockMs);
    LocalDate oldestKept = day(reference - Retention.DAYS.toMillis());
    List<String> expired = new ArrayList<>();
    // Explicit bounds: a range with an open (null) bound found nothing in a transactional store.
    try (KeyValueIterator<String, KpiTotals> old = days.range("", oldestKept + "|")) {
      old.forEachRemaining(entry -> expired.add(entry.key));
    }
    expired.forEach(days::delete);
  }

  private String change(DayKey key, KpiTotals totals) {
    ObjectNode json = JSON.createObjectNode();
    json.put("scope", key.scope());
    json.put("bucket", "day");
    json.put("date", key.date().toString());
    json.put("revenue", Money.fromMinor(totals.revenueMinor(), currencyDigits));
    json.put("orders", totals.orders());
    json.put("calls", totals.calls());
    json.put("asOf", Instant.ofEpochMilli(totals.lastEventMs()).toString());
    return json.toString();
  }
}
