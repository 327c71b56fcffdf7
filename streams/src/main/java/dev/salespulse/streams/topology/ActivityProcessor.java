package dev.salespulse.streams.topology;

import dev.salespulse.streams.config.ReportingConfig;
import dev.salespulse.streams.events.ActivityEvent;
import dev.salespulse.streams.events.EventParser;
import dev.salespulse.streams.events.InvalidEventException;
import dev.salespulse.streams.events.RosterEntry;
import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.stores.StoreNames;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Counts {@code sales.activities} for the rep, the rep's team and region, and the company. */
final class ActivityProcessor extends IngestProcessor<ActivityEvent> {

  /**
   * @param trickleEvents see {@link IngestProcessor}
   */
  ActivityProcessor(
      ReportingConfig config, TopologyMetrics metrics, Placement placement, int trickleEvents) {
    super(
        StoreNames.ACTIVITY_DEDUP,
        StoreNames.ACTIVITY_COMMIT_MARKER,
        config.dedupRetention(),
        config.timezone(),
        metrics,
        placement,
        trickleEvents);
  }

  @Override
  ActivityEvent parse(byte[] value, Instant now) throws InvalidEventException {
    return EventParser.activity(value, now);
  }

  @Override
  String eventId(ActivityEvent event) {
    return event.eventId();
  }

  @Override
  String routingKey(ActivityEvent event) {
    return event.repId();
  }

  @Override
  Instant occurredAt(ActivityEvent event) {
    return event.occurredAt();
  }

  @Override
  List<Contribution> count(ActivityEvent event) {
    RosterEntry who = attribution(event.repId(), event.teamId(), event.region());
    KpiTotals delta =
        KpiTotals.activity(event.type(), event.connected(), event.occurredAt().toEpochMilli());
    return List.of(
        ScopeFanOut.of(delta, who.repId(), who.teamId(), who.region(), Optional.empty()));
  }
}
