package dev.salespulse.streams.topology;

import dev.salespulse.streams.events.InvalidEventException;
import dev.salespulse.streams.events.RejectReason;
import dev.salespulse.streams.events.RosterEntry;
import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.stores.Retention;
import dev.salespulse.streams.stores.Scope;
import dev.salespulse.streams.stores.StoreNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The first steps every input event takes: validate, drop duplicates by eventId, let the subclass
 * turn the event into per-scope deltas, sum those per scope and minute, and every {@link
 * #FLUSH_INTERVAL} emit the sums keyed by scope (newest event time as the record timestamp).
 * Anything invalid is routed to the dead-letter topic with the contract's headers; a rejected event
 * is not remembered as seen, so a corrected resend still counts.
 */
abstract class IngestProcessor<E> implements Processor<byte[], byte[], String, Routed> {
  static final String REASON_HEADER = "x-error-reason";
  static final String DETAIL_HEADER = "x-error-detail";
  static final String TOPIC_HEADER = "x-source-topic";
  static final String PARTITION_HEADER = "x-source-partition";
  static final String OFFSET_HEADER = "x-source-offset";

  static final Duration FLUSH_INTERVAL = SalesPulseTopology.DELTA_FLUSH_INTERVAL;

  private static final long MINUTE_MS = Duration.ofMinutes(1).toMillis();
  private final String dedupStoreName;
  private final String bufferStoreName;
  private final Duration dedupRetention;
  private final TopologyMetrics metrics;
  private ProcessorContext<String, Routed> context;
  private WindowStore<String, Long> seen;
  private KeyValueStore<String, KpiTotals> pendingDeltas;
  private RawJsonLookup<RosterEntry> roster;
  private long newestEventMs = Long.MIN_VALUE;

  IngestProcessor(
      String dedupStoreName,
      String bufferStoreName,
      Duration dedupRetention,
      TopologyMetrics metrics) {
    this.dedupStoreName = dedupStoreName;
    this.bufferStoreName = bufferStoreName;
    this.dedupRetention = dedupRetention;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Routed> context) {
    this.context = context;
    this.seen = context.getStateStore(dedupStoreName);
    this.pendingDeltas = context.getStateStore(bufferStoreName);
    context.schedule(FLUSH_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> flush());
    this.roster = new RawJsonLookup<>(context.getStateStore(StoreNames.REPS), RosterEntry::parse);
  }

  /** Parses and validates the raw value. */
  abstract E parse(byte[] value, Instant now) throws InvalidEventException;

  abstract String eventId(E event);

  abstract Instant occurredAt(E event);

  /**
   * The event's contribution to each scope it touches. Throws before changing any state when the
   * event cannot be counted (e.g. a refund of an unknown order).
   */
  abstract List<ScopedDelta> count(E event) throws InvalidEventException;

  /** Called once an event was counted, with its deltas; subclasses may emit more from here. */
  void counted(E event, List<ScopedDelta> deltas) {}

  /** Emits a record downstream of this processor. */
  void forward(String key, Routed value, long timestamp) {
    context.forward(new Record<>(key, value, timestamp));
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    context.recordMetadata().map(RecordMetadata::topic).ifPresent(metrics::processed);
    long now = context.currentSystemTimeMs();
    try {
      E event = parse(record.value(), Instant.ofEpochMilli(now));
      String eventId = eventId(event);
      long occurredAt = occurredAt(event).toEpochMilli();
      if (alreadySeen(eventId, now)) {
        metrics.duplicate();
        return;
      }
      rejectIfTooLate(occurredAt, now);
      List<ScopedDelta> deltas = count(event);
      seen.put(eventId, occurredAt, now);
      newestEventMs = Math.max(newestEventMs, occurredAt);
      for (ScopedDelta delta : deltas) {
        buffer(delta.scope().toString(), delta.totals());
      }
      counted(event, deltas);
      metrics.counted(occurredAt, now);
    } catch (InvalidEventException e) {
      reject(record, e.reason(), e.detail());
    }
  }

  /**
   * Adds a delta to the pending sum of its scope and minute. Summing here, before the repartition,
   * is what keeps the topology fast: a flush sends one record per scope and minute instead of one
   * per event and scope (company:all alone would otherwise receive every event). The buffer is a
   * changelogged store, so under exactly-once nothing in it is lost or counted twice on a crash.
   */
  private void buffer(String scope, KpiTotals delta) {
    long minute = delta.lastEventMs() - Math.floorMod(delta.lastEventMs(), MINUTE_MS);
    String key = minute + "|" + scope;
    KpiTotals pending = pendingDeltas.get(key);
    pendingDeltas.put(key, pending == null ? delta : pending.plus(delta));
  }

  /**
   * Sends every pending sum on, keyed by scope, with its newest event time as timestamp: newest
   * minutes first, so the buckets judge the retention of older minutes against the newest event of
   * the batch, as they would have seen the events one by one in a live stream.
   */
  private void flush() {
    List<KeyValue<String, KpiTotals>> pending = new ArrayList<>();
    try (KeyValueIterator<String, KpiTotals> all = pendingDeltas.all()) {
      all.forEachRemaining(pending::add);
    }
    pending.sort(
        Comparator.comparingLong((KeyValue<String, KpiTotals> e) -> e.value.lastEventMs())
            .reversed());
    for (KeyValue<String, KpiTotals> entry : pending) {
      String scope = entry.key.substring(entry.key.indexOf('|') + 1);
      context.forward(
          new Record<>(scope, new Routed.Delta(entry.value), entry.value.lastEventMs()));
      pendingDeltas.delete(entry.key);
    }
  }

  /**
   * Whether the same eventId was counted within the dedup retention before now. Entries are stamped
   * with the wall-clock time they were counted, so "seen again within 7 days" means seven days of
   * arrival, however old the event's own {@code occurredAt} is.
   */
  private boolean alreadySeen(String eventId, long now) {
    long from = Math.max(0, now - dedupRetention.toMillis());
    try (WindowStoreIterator<Long> hits = seen.fetch(eventId, from, now)) {
      return hits.hasNext();
    }
  }

  /**
   * An event older than every bucket it would touch (the day retention, against the newest event
   * time this task has counted since it started) is dead-lettered as {@code too-late}.
   */
  private void rejectIfTooLate(long occurredAt, long now) throws InvalidEventException {
    if (newestEventMs == Long.MIN_VALUE) {
      return;
    }
    long oldestKept = Retention.reference(newestEventMs, now) - Retention.DAYS.toMillis();
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
    Headers headers = new RecordHeaders(record.headers().toArray());
    headers.add(REASON_HEADER, utf8(reason.code()));
    headers.add(DETAIL_HEADER, utf8(detail));
    context
        .recordMetadata()
        .ifPresent(
            source -> {
              headers.add(TOPIC_HEADER, utf8(source.topic()));
              headers.add(PARTITION_HEADER, utf8(Integer.toString(source.partition())));
              headers.add(OFFSET_HEADER, utf8(Long.toString(source.offset())));
            });
    context.forward(
        new Record<String, Routed>(
            null, new Routed.Rejected(record.key(), record.value()), record.timestamp(), headers));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** One event's contribution to one scope. */
  record ScopedDelta(Scope scope, KpiTotals totals) {}
}
