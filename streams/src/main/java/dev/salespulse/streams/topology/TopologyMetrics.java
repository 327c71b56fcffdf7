package dev.salespulse.streams.topology;

import dev.salespulse.streams.events.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The topology's own counters (contract, "Metrics for Prometheus"): events processed per topic,
 * rejected per reason, dropped as duplicates, late, and freshness (processing time minus {@code
 * occurredAt}). Label values are bounded: topics and reasons are fixed sets. Counts are of
 * processing attempts: after a crash under exactly-once, a re-processed batch counts again here
 * while the KPIs stay exact.
 */
public final class TopologyMetrics {
  private final MeterRegistry registry;
  private final Map<String, Counter> processed = new ConcurrentHashMap<>();
  private final Map<String, Counter> dropped = new ConcurrentHashMap<>();
  private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
  private final Counter duplicates;
  private final Counter late;
  private final Counter rekeyed;
  private final Timer freshness;

  public TopologyMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (RejectReason reason : RejectReason.values()) {
      rejected.put(
          reason,
          Counter.builder("salespulse.events.rejected")
              .description("Input records sent to the dead-letter topic, by reason")
              .tag("reason", reason.code())
              .register(registry));
    }
    duplicates =
        Counter.builder("salespulse.events.duplicate")
            .description("Events dropped because their eventId was already counted")
            .register(registry);
    late =
        Counter.builder("salespulse.events.late")
            .description("Events older than every bucket they would touch (too-late)")
            .register(registry);
    rekeyed =
        Counter.builder("salespulse.events.rekeyed")
            .description(
                "Input records found outside the partition of their orderId or repId and moved"
                    + " there before counting")
            .register(registry);
    freshness =
        Timer.builder("salespulse.event.freshness")
            .description("Processing time minus occurredAt of counted events")
            .serviceLevelObjectives(
                Duration.ofMillis(250),
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofMinutes(2),
                Duration.ofMinutes(10),
                Duration.ofHours(1))
            .register(registry);
  }

  void processed(String topic) {
    processed
        .computeIfAbsent(
            topic,
            t ->
                Counter.builder("salespulse.events.processed")
                    .description("Input records read, valid or not")
                    .tag("topic", t)
                    .register(registry))
        .increment();
  }

  void rejected(RejectReason reason) {
    rejected.get(reason).increment();
    if (reason == RejectReason.TOO_LATE) {
      late.increment();
    }
  }

  /** An output record for {@code topic} that could not be written and was dropped. */
  void outputDropped(String topic) {
    droppedCounter(topic).increment();
  }

  /**
   * Registers the dropped-output counters of these topics at zero, so that the series (and the
   * alert on them) exist before the first drop.
   */
  void mayDropOutputsOf(Collection<String> topics) {
    topics.forEach(this::droppedCounter);
  }

  private Counter droppedCounter(String topic) {
    return dropped.computeIfAbsent(
        topic,
        t ->
            Counter.builder("salespulse.output.dropped")
                .description(
                    "Records the service could not write and dropped: dead letters, feed"
                        + " entries, KPI change notifications (never counts)")
                .tag("topic", t)
                .register(registry));
  }

  void rekeyed() {
    rekeyed.increment();
  }

  void duplicate() {
    duplicates.increment();
  }

  void counted(long occurredAtMs, long nowMs) {
    freshness.record(Math.max(0, nowMs - occurredAtMs), TimeUnit.MILLISECONDS);
  }
}
