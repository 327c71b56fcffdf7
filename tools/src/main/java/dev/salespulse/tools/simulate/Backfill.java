package dev.salespulse.tools.simulate;

import dev.salespulse.web.ingest.EventSink;
import dev.salespulse.web.ingest.IngestResult;
import dev.salespulse.web.ingest.ReferenceKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the demo floor's history through the ingest path: the roster, the day targets, then the
 * events of a time range in time order, in batches of {@value #BATCH} events, each acknowledged
 * before the next.
 */
public final class Backfill {
  /** How much history a fresh demo gets: as far back as the revenue profile keeps. */
  public static final int HISTORY_DAYS = 35;

  static final int BATCH = 5_000;
  private static final Logger LOG = LoggerFactory.getLogger(Backfill.class);

  /** The events to send: occurredAt in {@code [from, to)}. */
  public record Range(Instant from, Instant to) {}

  /** What the progress display is told after each batch. */
  public interface Progress {
    void update(long sent, long total);
  }

  private Backfill() {}

  /**
   * The range still to send at {@code now}: from local midnight {@value #HISTORY_DAYS} days before
   * today on a fresh start, else only the gap since what was sent already (never anything older,
   * and never before that midnight); empty when nothing is missing.
   */
  public static Optional<Range> range(Optional<Instant> backfilledUntil, Instant now, ZoneId zone) {
    Instant start =
        LocalDate.ofInstant(now, zone).minusDays(HISTORY_DAYS).atStartOfDay(zone).toInstant();
    Instant from = backfilledUntil.filter(until -> until.isAfter(start)).orElse(start);
    return from.isBefore(now) ? Optional.of(new Range(from, now)) : Optional.empty();
  }

  /** The roster and the targets. */
  static void reference(EventSink sink, DaySchedule schedule) {
    check(
        "roster",
        sink.reference(
            ReferenceKind.REPS,
            bytes(schedule.roster().stream().map(SimulatedRecord::json).toList())));
    targets(sink, schedule.floor());
  }

  static void targets(EventSink sink, SalesFloor floor) {
    check("targets", sink.reference(ReferenceKind.TARGETS, bytes(DemoTargets.all(floor).values())));
    LOG.info("Demo targets set: weekdays (DAY), Saturday and Sunday");
  }

  /**
   * Sends the events of {@code range}; returns how many were sent. On a {@code fresh} start the
   * cancellations and refunds of orders placed before the range are left out: those orders were
   * never sent, and SalesPulse would dead-letter the corrections as of unknown orders.
   */
  static long events(
      EventSink sink, DaySchedule schedule, Range range, boolean fresh, Progress progress) {
    List<SimulatedRecord> events = schedule.between(range.from(), range.to());
    if (fresh) {
      LocalDate first = LocalDate.ofInstant(range.from(), schedule.zone());
      events = events.stream().filter(event -> !correctsOrderBefore(event, first)).toList();
    }
    LOG.info(
        "Backfilling {} events of the demo floor from {} to {} ({})",
        events.size(),
        range.from(),
        range.to(),
        schedule.zone());
    long sent = 0;
    progress.update(0, events.size());
    for (int i = 0; i < events.size(); i += BATCH) {
      List<SimulatedRecord> batch = events.subList(i, Math.min(events.size(), i + BATCH));
      check("events", sink.events(bytes(batch.stream().map(SimulatedRecord::json).toList())));
      sent += batch.size();
      progress.update(sent, events.size());
    }
    LOG.info("Backfilled {} events up to {}", sent, range.to());
    return sent;
  }

  /** Whether {@code event} cancels or refunds an order placed before {@code date}. */
  static boolean correctsOrderBefore(SimulatedRecord event, LocalDate date) {
    if (!event.topicKind().equals(SimulatedRecord.ORDERS)
        || event.json().contains("ORDER_PLACED")) {
      return false;
    }
    // order ids are o-<date>-<n>: the date the order was placed
    LocalDate placed = LocalDate.parse(event.key().substring(2, 12));
    return placed.isBefore(date);
  }

  static List<byte[]> bytes(Collection<String> json) {
    List<byte[]> records = new ArrayList<>(json.size());
    json.forEach(text -> records.add(text.getBytes(StandardCharsets.UTF_8)));
    return records;
  }

  /** Logs what the sink refused: the simulator's own records should never be. */
  static void check(String what, IngestResult result) {
    if (result.rejected() > 0) {
      LOG.warn(
          "{} of {} demo {} records were refused, first: {}",
          result.rejected(),
          result.accepted() + result.rejected(),
          what,
          result.errors().isEmpty() ? "?" : result.errors().get(0));
    }
  }
}
