package dev.salespulse.streams.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Common part of the event builders: eventId, occurredAt and free-form fields for invalid input.
 * The Kafka record timestamp is the event's {@code occurredAt} unless set with {@link
 * #recordTime(Instant)}.
 */
public abstract class EventBuilder<B extends EventBuilder<B>> {
  /** Default event time of every builder: a Thursday afternoon, before the tests' wall clock. */
  public static final Instant DEFAULT_TIME = Instant.parse("2026-11-26T14:03:22Z");

  static final AtomicInteger SEQUENCE = new AtomicInteger();

  final JsonObjectBuilder json = new JsonObjectBuilder();
  private Instant recordTime;

  EventBuilder(String type) {
    json.text("eventId", "e-" + SEQUENCE.incrementAndGet()).text("type", type);
    at(DEFAULT_TIME);
  }

  abstract B self();

  /** The Kafka record key the contract gives this event (orderId, repId). */
  public abstract String key();

  public B eventId(String eventId) {
    json.text("eventId", eventId);
    return self();
  }

  public B at(Instant occurredAt) {
    json.text("occurredAt", occurredAt.toString());
    recordTime = occurredAt;
    return self();
  }

  public B at(String occurredAt) {
    return at(Instant.parse(occurredAt));
  }

  /** occurredAt written exactly as given (e.g. with an offset, or without one to be rejected). */
  public B occurredAtText(String text) {
    json.text("occurredAt", text);
    return self();
  }

  public B recordTime(Instant timestamp) {
    recordTime = timestamp;
    return self();
  }

  public B team(String teamId) {
    json.text("teamId", teamId);
    return self();
  }

  public B region(String region) {
    json.text("region", region);
    return self();
  }

  public B customer(String customerId) {
    json.text("customerId", customerId);
    return self();
  }

  /** Any field, its value written as raw JSON ({@code true}, {@code "x"}, {@code [1]}, …). */
  public B with(String field, String rawJson) {
    json.raw(field, rawJson);
    return self();
  }

  public B without(String field) {
    json.remove(field);
    return self();
  }

  public Instant recordTime() {
    return recordTime;
  }

  public String json() {
    return json.compact();
  }

  public byte[] bytes() {
    return json().getBytes(StandardCharsets.UTF_8);
  }

  /** The same event, written with other whitespace and field order. */
  public byte[] reformattedBytes() {
    return json.reformatted().getBytes(StandardCharsets.UTF_8);
  }
}
