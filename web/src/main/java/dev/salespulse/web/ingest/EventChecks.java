package dev.salespulse.web.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.streams.events.ActivityEvent;
import dev.salespulse.streams.events.EventParser;
import dev.salespulse.streams.events.InvalidEventException;
import dev.salespulse.streams.events.OrderEvent;
import dev.salespulse.streams.topology.Topics;
import dev.salespulse.web.json.Json;
import java.io.IOException;
import java.time.Instant;

/**
 * The checks of an order or activity event that need no state, the very ones the topology makes
 * (JSON, required fields, types, amounts, timestamps, size), and where a good one goes: orders to
 * {@code sales.orders} keyed by {@code orderId}, activities to {@code sales.activities} keyed by
 * {@code repId}. The value produced is the record's bytes as sent.
 */
final class EventChecks {
  private final Topics topics;

  EventChecks(Topics topics) {
    this.topics = topics;
  }

  Checked check(byte[] json, Instant now) {
    try {
      Record event = EventParser.event(json, now);
      if (event instanceof OrderEvent order) {
        return new Checked.Routed(topics.orders().name(), order.orderId(), json, order.eventId());
      }
      ActivityEvent activity = (ActivityEvent) event;
      return new Checked.Routed(
          topics.activities().name(), activity.repId(), json, activity.eventId());
    } catch (InvalidEventException e) {
      return new Checked.Refused(e.reason().code(), e.detail(), eventIdOf(json));
    }
  }

  /** The record's {@code eventId} when it has a readable one, for the answer; else null. */
  static String eventIdOf(byte[] json) {
    if (json.length > EventParser.MAX_VALUE_BYTES) {
      return null;
    }
    try {
      JsonNode id = Json.MAPPER.readTree(json).get("eventId");
      return id != null && id.isTextual() ? id.asText() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
