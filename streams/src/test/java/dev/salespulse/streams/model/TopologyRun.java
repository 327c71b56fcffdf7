package dev.salespulse.streams.model;

import static dev.salespulse.streams.testing.TopologyHarness.header;

import dev.salespulse.streams.testing.ActivityEventBuilder;
import dev.salespulse.streams.testing.InMemoryRocksDbFiles;
import dev.salespulse.streams.testing.JsonObjectBuilder;
import dev.salespulse.streams.testing.OrderEventBuilder;
import dev.salespulse.streams.testing.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs a sequence through the production topology ({@link TopologyHarness}: TopologyTestDriver,
 * RocksDB stores, the sequence's time zone and wall clock) and reads back every bucket and dead
 * letter. Events are written as JSON by the test builders, so the topology parses what a producer
 * would send.
 */
final class TopologyRun {
  private TopologyRun() {}

  static Outcome actual(EventSequence sequence) {
    return actual(sequence, true);
  }

  /**
   * @param filesInMemory RocksDB's files in memory ({@link InMemoryRocksDbFiles}), else on disk
   */
  static Outcome actual(EventSequence sequence, boolean filesInMemory) {
    return actual(sequence, filesInMemory, Map.of());
  }

  /**
   * With production's record cache (the harness runs without one): the stores' caches, and the
   * ingest's buffer sent on at each commit through its cache flush ({@code CommitHook}).
   */
  static Outcome withRecordCache(EventSequence sequence) {
    return actual(sequence, true, TopologyHarness.PRODUCTION_RECORD_CACHE);
  }

  /**
   * With production's record cache and every ingest flush a backlog's ({@link
   * TopologyHarness#startAsBacklog}): the buckets' writes once per commit.
   */
  static Outcome asBacklog(EventSequence sequence) {
    return actual(sequence, true, TopologyHarness.PRODUCTION_RECORD_CACHE, true);
  }

  private static Outcome actual(
      EventSequence sequence, boolean filesInMemory, Map<String, String> settings) {
    return actual(sequence, filesInMemory, settings, false);
  }

  private static Outcome actual(
      EventSequence sequence,
      boolean filesInMemory,
      Map<String, String> settings,
      boolean backlog) {
    Map<String, String> env = new HashMap<>(settings);
    env.put("SALESPULSE_TIMEZONE", sequence.timezone());
    if (filesInMemory) {
      env.put("SALESPULSE_KAFKA_ROCKSDB_CONFIG_SETTER", InMemoryRocksDbFiles.SETTING);
    }
    TopologyHarness harness =
        backlog
            ? TopologyHarness.startAsBacklog(env, sequence.wallClock())
            : TopologyHarness.start(env, sequence.wallClock());
    try {
      for (Input input : sequence.inputs()) {
        send(harness, input);
      }
      List<String> deadLetters =
          harness.deadLetters().stream()
              .map(
                  record ->
                      new String(record.key(), StandardCharsets.UTF_8)
                          + " "
                          + header(record.headers(), "x-error-reason"))
              .toList();
      return new Outcome(harness.allDayTotals(), harness.allMinuteTotals(), deadLetters);
    } finally {
      harness.close();
      InMemoryRocksDbFiles.release(harness.config().storage().stateDir());
    }
  }

  private static void send(TopologyHarness harness, Input input) {
    if (input instanceof Input.RosterEntry entry) {
      harness.roster(entry.rep());
    } else if (input instanceof Input.FxRate rate) {
      harness.fxRate(rate.currency(), rate.perUnitInReporting());
    } else if (input instanceof Input.Placed placed) {
      harness.send(placed(placed));
    } else if (input instanceof Input.Cancelled cancelled) {
      harness.send(
          OrderEventBuilder.aCancellationOf(cancelled.orderId())
              .eventId(cancelled.eventId())
              .at(cancelled.at())
              .occurredAtText(cancelled.occurredAtText()));
    } else if (input instanceof Input.Refunded refund) {
      harness.send(
          OrderEventBuilder.aRefundOf(refund.orderId(), refund.amount())
              .eventId(refund.eventId())
              .at(refund.at())
              .occurredAtText(refund.occurredAtText()));
    } else if (input instanceof Input.Activity activity) {
      harness.send(activity(activity));
    }
  }

  private static OrderEventBuilder placed(Input.Placed event) {
    OrderEventBuilder order =
        OrderEventBuilder.anOrder()
            .eventId(event.eventId())
            .orderId(event.orderId())
            .at(event.at())
            .occurredAtText(event.occurredAtText())
            .repId(event.repId())
            .currency(event.currency())
            .without("customerId");
    if (event.amountAsText()) {
      order.amountAsText(event.amount());
    } else {
      order.amount(event.amount());
    }
    event.customerId().ifPresent(order::customer);
    event.channel().ifPresent(order::channel);
    event.teamId().ifPresent(order::team);
    event.region().ifPresent(order::region);
    if (!event.lines().isEmpty()) {
      order.with("lines", lines(event.lines()));
    }
    return order;
  }

  private static String lines(List<Input.Line> lines) {
    return lines.stream()
        .map(
            line -> {
              JsonObjectBuilder json = new JsonObjectBuilder().text("sku", line.sku());
              line.category().ifPresent(category -> json.text("category", category));
              return json.raw("quantity", Integer.toString(line.quantity()))
                  .raw("unitPrice", line.unitPrice())
                  .compact();
            })
        .collect(Collectors.joining(",", "[", "]"));
  }

  private static ActivityEventBuilder activity(Input.Activity event) {
    ActivityEventBuilder activity =
        ActivityEventBuilder.anActivity(event.type())
            .eventId(event.eventId())
            .repId(event.repId())
            .at(event.at())
            .occurredAtText(event.occurredAtText());
    if (event.type().equals("CALL")) {
      activity.with("durationSeconds", "180");
    }
    event.outcome().ifPresent(activity::outcome);
    event.dealValue().ifPresent(activity::dealValue);
    event.teamId().ifPresent(activity::team);
    event.region().ifPresent(activity::region);
    return activity;
  }
}
