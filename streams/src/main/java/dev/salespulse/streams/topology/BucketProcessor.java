package dev.salespulse.streams.topology;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salespulse.streams.events.Money;
import dev.salespulse.streams.stores.DayKey;
import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.stores.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Adds each scope delta to its minute bucket and its business-day bucket. These are running
 * totals, not final window results: a late or out-of-order delta is added to its own buckets for
 * as long as they are kept, so nothing is dropped while a backlog is replayed and partitions catch
 * up at different speeds (the trap of windowed aggregations with a short grace). A minute bucket
 * older than the minute retention (against the newest event time this task has seen) is not
 * written; its day bucket still is.
 *
 * <p>Changed day buckets are published to {@code sales.kpi-changes} once a second (wall clock),
 * coalesced: one record per changed scope and day, whatever the number of events.
 */
final class BucketProcessor implements Processor<String, KpiTotals, String, String> {
  static final Duration MINUTE = Duration.ofMinutes(1);
  static final Duration PUBLISH_INTERVAL = Duration.ofSeconds(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ZoneId zone;
  private final Duration minuteRetention;
  private final int currencyDigits;
  private final Set<String> changedDays = new LinkedHashSet<>();
  private ProcessorContext<String, String> context;
  private WindowStore<String, KpiTotals> minutes;
  private KeyValueStore<String, KpiTotals> days;
  private long newestEventMs = Long.MIN_VALUE;

  BucketProcessor(ZoneId zone, Duration minuteRetention, int currencyDigits) {
    this.zone = zone;
    this.minuteRetention = minuteRetention;
    this.currencyDigits = currencyDigits;
  }

  @Override
  public void init(ProcessorContext<String, String> context) {
    this.context = context;
    this.minutes = context.getStateStore(StoreNames.KPI_MINUTE);
    this.days = context.getStateStore(StoreNames.KPI_DAY);
    context.schedule(PUBLISH_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> publishChanges());
  }

  @Override
  public void process(Record<String, KpiTotals> record) {
    String scope = record.key();
    KpiTotals delta = record.value();
    long occurredAt = delta.lastEventMs();
    newestEventMs = Math.max(newestEventMs, occurredAt);

    long minuteStart = occurredAt - Math.floorMod(occurredAt, MINUTE.toMillis());
    if (minuteStart > newestEventMs - minuteRetention.toMillis()) {
      KpiTotals minute = minutes.fetch(scope, minuteStart);
      minutes.put(scope, add(minute, delta), minuteStart);
    }

    String dayKey = new DayKey(scope, day(occurredAt)).toString();
    days.put(dayKey, add(days.get(dayKey), delta));
    changedDays.add(dayKey);
  }

  private LocalDate day(long epochMs) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(epochMs), zone);
  }

  private static KpiTotals add(KpiTotals current, KpiTotals delta) {
    return current == null ? delta : current.plus(delta);
  }

  private void publishChanges() {
    for (String dayKey : changedDays) {
      KpiTotals totals = days.get(dayKey);
      if (totals != null) {
        context.forward(new Record<>(dayKey, change(DayKey.parse(dayKey), totals), newestEventMs));
      }
    }
    changedDays.clear();
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
