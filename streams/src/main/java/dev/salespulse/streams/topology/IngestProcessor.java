package dev.salespulse.streams.topology;

import dev.salespulse.streams.events.InvalidEventException;
import dev.salespulse.streams.events.RejectReason;
import dev.salespulse.streams.events.RosterEntry;
import dev.salespulse.streams.stores.EventIdHash;
import dev.salespulse.streams.stores.EventIdPage;
import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.stores.Retention;
import dev.salespulse.streams.stores.Scope;
import dev.salespulse.streams.stores.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The first steps every input event takes: validate, drop duplicates by eventId, let the subclass
 * turn the event into per-scope deltas, sum those per scope and minute, and emit the sums keyed by
 * scope: a trickle of events at once, a backlog every {@link #FLUSH_INTERVAL} ({@link
 * #maybeFlush}), and whatever is pending at every commit ({@link CommitHook}). Anything invalid is
 * routed to the dead-letter topic with the contract's headers; a rejected event is not remembered
 * as seen, so a corrected resend still counts.
 *
 * <p>Every record sent on is stamped with the wall clock of its processing, not with an event time:
 * brokers refuse records stamped more than an hour ({@code message.timestamp.after.max.ms}) ahead
 * of their clock, and the contract accepts events up to seven days ahead. Nothing downstream reads
 * the record timestamp; the event time travels in the values ({@link KpiTotals#lastEventMs()}). A
 * dead letter takes its input record's timestamp, which {@code InputTimestamps} sets to the wall
 * clock as the record is read.
 */
abstract class IngestProcessor<E> implements Processor<byte[], byte[], String, Routed> {

  static final Duration FLUSH_INTERVAL = Freshness.DELTA_FLUSH_INTERVAL;

  private static final long MINUTE_MS = Duration.ofMinutes(1).toMillis();

  /** What a dead letter may take with Kafka's default limits (1 MiB less a margin). */
  private static final int DEFAULT_MOVE_BUDGET = DeadLetter.budget(Map.of());

  private final String dedupStoreName;
  private final String commitMarkerStoreName;
  private final Duration dedupRetention;
  private final ZoneId zone;
  private final TopologyMetrics metrics;
  private final Placement placement;
  private final int trickleEvents;
  private ProcessorContext<String, Routed> context;
  private EventIds eventIds;
  private final Map<PendingKey, KpiTotals> pendingDeltas = new HashMap<>();
  private CommitHook commitHook;
  private RawJsonLookup<RosterEntry> roster;
  private long newestEventMs = Long.MIN_VALUE;
  private int deadLetterBudget;
  private long lastFlushMs;
  private int eventsSinceFlush;

  /**
   * @param placement the partition each record belongs in, by its {@link #routingKey}
   * @param trickleEvents the most events since the last flush that still count as a trickle ({@link
   *     Freshness#TRICKLE_EVENTS}; 0: none does)
   */
  IngestProcessor(
      String dedupStoreName,
      String commitMarkerStoreName,
      Duration dedupRetention,
      ZoneId zone,
      TopologyMetrics metrics,
      Placement placement,
      int trickleEvents) {
    this.dedupStoreName = dedupStoreName;
    this.commitMarkerStoreName = commitMarkerStoreName;
    this.dedupRetention = dedupRetention;
    this.zone = zone;
    this.metrics = metrics;
    this.placement = placement;
    this.trickleEvents = trickleEvents;
  }

  @Override
  public void init(ProcessorContext<String, Routed> context) {
    this.context = context;
    KeyValueStore<Long, EventIdPage> idPages = context.getStateStore(dedupStoreName);
    this.eventIds = new EventIds(idPages, dedupRetention);
    context.schedule(EventIds.EXPIRY_INTERVAL, PunctuationType.WALL_CLOCK_TIME, eventIds::expire);
    // A task started again (revived after an error) recounts from its last commit: what an
    // earlier life of this processor held was never committed.
    pendingDeltas.clear();
    this.commitHook =
        CommitHook.install(
            context, commitMarkerStoreName, () -> beforeCommit(context.currentSystemTimeMs()));
    context.schedule(
        Freshness.TRICKLE_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::maybeFlush);
    this.lastFlushMs = context.currentSystemTimeMs();
    this.eventsSinceFlush = 0;
    this.roster = new RawJsonLookup<>(context.getStateStore(StoreNames.REPS), RosterEntry::parse);
    this.deadLetterBudget = DeadLetter.budget(context.appConfigs());
  }

  /** Parses and validates the raw value. */
  abstract E parse(byte[] value, Instant now) throws InvalidEventException;

  abstract String eventId(E event);

  /** The key whose partition the event belongs in: the input topic's key in the contract. */
  abstract String routingKey(E event);

  abstract Instant occurredAt(E event);

  /**
   * The event's contribution to each scope it touches. Throws before changing any state when the
   * event cannot be counted (e.g. a refund of an unknown order).
   */
  abstract List<Contribution> count(E event) throws InvalidEventException;

  /**
   * Puts what the subclass keeps in open pages in memory into its stores; runs inside every commit
   * that covers a counted event, before the commit's records are flushed.
   */
  void writeOpenPages() {}

  /** Called once an event was counted, with its deltas; subclasses may emit more from here. */
  void counted(E event, List<Contribution> deltas) {}

  /** Emits a record downstream of this processor, stamped with the wall clock. */
  void forward(String key, Routed value) {
    context.forward(new Record<>(key, value, context.currentSystemTimeMs()));
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    Optional<RecordMetadata> source = context.recordMetadata();
    if (!placement.isRekeyed(source)) {
      source.map(RecordMetadata::topic).ifPresent(metrics::processed);
    }
    long now = context.currentSystemTimeMs();
    try {
      E event = parse(record.value(), Instant.ofEpochMilli(now));
      String routingKey = routingKey(event);
      if (placement.belongsElsewhere(source, routingKey) && fitsOneRecord(record, routingKey)) {
        moveToItsPartition(record, routingKey, source.get(), now);
        return;
      }
      EventIdHash eventId = EventIdHash.of(eventId(event));
      long occurredAt = occurredAt(event).toEpochMilli();
      if (eventIds.seen(eventId, now)) {
        metrics.duplicate();
        return;
      }
      rejectIfTooLate(occurredAt, now);
      // Before counting, which may change stores and open pages: whatever happens after, the
      // next commit writes the pages.
      commitHook.arm();
      List<Contribution> deltas = count(event);
      eventIds.remember(eventId, now);
      // A no-op once armed; without a record cache the hook runs at once, and this run puts the
      // page of the id just remembered.
      commitHook.arm();
      newestEventMs = Math.max(newestEventMs, occurredAt);
      for (Contribution delta : deltas) {
        buffer(delta);
      }
      eventsSinceFlush++;
      counted(event, deltas);
      metrics.counted(occurredAt, now);
    } catch (InvalidEventException e) {
      reject(record, e.reason(), e.detail());
    }
  }

  /**
   * Sends a record found outside its routing key's partition through the rekeyed topic, keyed by
   * that key ({@link Placement}): the task of that partition counts it when it reads it back. It
   * carries its original key, topic, partition and offset in {@code x-source-*} headers (an input's
   * own headers of those names are not copied), so that a dead letter it may still become names
   * where it came from.
   */
  private void moveToItsPartition(
      Record<byte[], byte[]> record, String routingKey, RecordMetadata source, long now) {
    Headers headers = new RecordHeaders();
    for (Header header : record.headers()) {
      if (!header.key().startsWith(DeadLetter.SOURCE_PREFIX)) {
        headers.add(header);
      }
    }
    if (record.key() != null) {
      headers.add(DeadLetter.KEY_HEADER, record.key());
    }
    new DeadLetter.Source(source.topic(), source.partition(), source.offset()).addTo(headers);
    metrics.rekeyed();
    context.forward(new Record<>(routingKey, new Routed.Rekeyed(record.value()), now, headers));
  }

  /**
   * Whether a record moved to its partition would stay within what a producer may send and the
   * rekeyed topic take: the budget of a dead letter ({@link DeadLetter#budget}), and never more
   * than that budget with Kafka's defaults, as the rekeyed topics take the brokers' default {@code
   * max.message.bytes} (a dead-letter topic may have been given more). One refused would fail the
   * transaction, and again at every replay. A larger record (within 64 KiB of {@code
   * max.request.size}, or read from a compressed batch) is counted where it is, as it would have
   * been had it been keyed by its routing key.
   */
  private boolean fitsOneRecord(Record<byte[], byte[]> record, String routingKey) {
    long size =
        (long) routingKey.length() * 3
            + DeadLetter.length(record.key())
            + DeadLetter.length(record.value())
            + DeadLetter.size(record.headers());
    return size <= Math.min(deadLetterBudget, DEFAULT_MOVE_BUDGET);
  }

  /**
   * Adds a contribution to the pending sum of its minute and scopes. Summing here, before the
   * repartition, is what keeps the topology fast: a flush sends one record per scope and minute
   * instead of one per event and scope (company:all alone would otherwise receive every event). The
   * buffer is keyed by the whole list of scopes an event counts in (its rep, team, region, channel
   * and the company), so an event costs one buffer update, not one per scope; the flush fans the
   * sums out.
   *
   * <p>The buffer is a plain map, not a store: every commit flushes it first ({@link CommitHook}),
   * so no commit covers an event whose sums were not sent on in the same transaction, and a crash
   * loses only what its aborted transaction recounts. It needs no changelog, and a restart nothing
   * to restore.
   */
  private void buffer(Contribution contribution) {
    long at = contribution.totals().lastEventMs();
    pendingDeltas.merge(
        new PendingKey(at - Math.floorMod(at, MINUTE_MS), contribution.scopes()),
        contribution.totals(),
        KpiTotals::plus);
    commitHook.arm();
  }

  /**
   * Flushes a trickle at once, marked so that the buckets publish what it changes at once too;
   * anything else at the flush interval.
   */
  private void maybeFlush(long now) {
    if (eventsSinceFlush > 0 && eventsSinceFlush <= trickleEvents) {
      flush(now, true);
    } else if (now - lastFlushMs >= FLUSH_INTERVAL.toMillis() && !pendingDeltas.isEmpty()) {
      flush(now, false);
    }
  }

  /**
   * What a commit finds pending goes with it: the open pages of the ids (and, in a subclass, of
   * other state kept in pages) and the buffer, marked as a trickle when it is one. Run by the
   * {@link CommitHook}; a unit test on a mock context, where nothing commits, calls it by hand.
   */
  void beforeCommit(long now) {
    eventIds.writeOpenPage();
    writeOpenPages();
    if (!pendingDeltas.isEmpty()) {
      flush(now, eventsSinceFlush <= trickleEvents);
    }
  }

  /**
   * Sends every pending sum on, one record per scope and minute keyed by scope: newest minutes
   * first, so the buckets judge the retention of older minutes against the newest event of the
   * batch, as they would have seen the events one by one in a live stream.
   */
  private void flush(long now, boolean trickle) {
    Headers headers = new RecordHeaders();
    if (trickle) {
      headers.add(Freshness.TRICKLE_HEADER, new byte[] {1});
    }
    Map<PendingKey.ScopeMinute, KpiTotals> sums = new HashMap<>();
    pendingDeltas.forEach(
        (key, pending) -> {
          for (Scope scope : key.scopes()) {
            sums.merge(new PendingKey.ScopeMinute(scope, key.minute()), pending, KpiTotals::plus);
          }
        });
    pendingDeltas.clear();
    List<Map.Entry<PendingKey.ScopeMinute, KpiTotals>> newestFirst =
        new ArrayList<>(sums.entrySet());
    newestFirst.sort(
        Comparator.comparingLong(
                (Map.Entry<PendingKey.ScopeMinute, KpiTotals> e) -> e.getValue().lastEventMs())
            .reversed());
    for (Map.Entry<PendingKey.ScopeMinute, KpiTotals> sum : newestFirst) {
      KpiTotals totals = sum.getValue();
      context.forward(
          new Record<>(sum.getKey().scope().toString(), new Routed.Delta(totals), now, headers));
    }
    lastFlushMs = now;
    eventsSinceFlush = 0;
  }

  /**
   * An event older than every bucket it would touch (the day retention, against the newest event
   * time this task has counted since it started) is dead-lettered as {@code too-late}.
   */
  private void rejectIfTooLate(long occurredAt, long now) throws InvalidEventException {
    long cutoff = retentionReference(now) - Retention.DAYS.toMillis();
    if (occurredAt >= cutoff) {
      return;
    }
    // Day buckets are kept, and expired, by whole business days: the day the cutoff falls on is
    // still kept (BucketProcessor's clean-up), so only events before it are too late.
    long oldestKept =
        LocalDate.ofInstant(Instant.ofEpochMilli(cutoff), zone)
            .atStartOfDay(zone)
            .toInstant()
            .toEpochMilli();
    if (occurredAt < oldestKept) {
      throw new InvalidEventException(
          RejectReason.TOO_LATE,
          "occurredAt "
              + Instant.ofEpochMilli(occurredAt)
              + " is older than every bucket kept ("
              + Retention.DAYS.toDays()
              + " days)");
    }
  }

  /**
   * What the day retention is measured against: the newest event time this task has counted, never
   * ahead of the wall clock; with nothing counted since the task started, the wall clock alone.
   */
  long retentionReference(long now) {
    return newestEventMs == Long.MIN_VALUE ? now : Retention.reference(newestEventMs, now);
  }

  /** Team and region of a rep: the event's own, else the roster's, else "unassigned". */
  RosterEntry attribution(String repId, Optional<String> teamId, Optional<String> region) {
    Optional<RosterEntry> entry = roster.get(repId);
    return new RosterEntry(
        repId,
        entry.map(RosterEntry::name).orElse(repId),
        teamId.or(() -> entry.map(RosterEntry::teamId)).orElse(RosterEntry.UNASSIGNED),
        region.or(() -> entry.map(RosterEntry::region)).orElse(RosterEntry.UNASSIGNED),
        entry.map(RosterEntry::active).orElse(true));
  }

  private void reject(Record<byte[], byte[]> record, RejectReason reason, String detail) {
    metrics.rejected(reason);
    Optional<RecordMetadata> metadata = context.recordMetadata();
    DeadLetter.Source source =
        metadata.map(m -> new DeadLetter.Source(m.topic(), m.partition(), m.offset())).orElse(null);
    byte[] key = record.key();
    if (placement.isRekeyed(metadata)) {
      // Moved here from another partition: the dead letter is of the record as it was sent.
      DeadLetter.Original original = DeadLetter.originalOf(record.headers(), source);
      key = original.key();
      source = original.source();
    }
    DeadLetter deadLetter =
        DeadLetter.of(
            key, record.value(), record.headers(), reason.code(), detail, source, deadLetterBudget);
    context.forward(
        new Record<String, Routed>(
            null,
            new Routed.Rejected(deadLetter.key(), deadLetter.value()),
            record.timestamp(),
            deadLetter.headers()));
  }

  /** One event's contribution, the same to each of these scopes. */
  record Contribution(List<Scope> scopes, KpiTotals totals) {}
}
