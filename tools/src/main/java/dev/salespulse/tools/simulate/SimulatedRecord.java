package dev.salespulse.tools.simulate;

import java.time.Instant;

/**
 * One record for Kafka, before it knows its topic's name.
 *
 * @param topicKind {@link #ORDERS}, {@link #ACTIVITIES} or {@link #REPS}
 * @param key orderId for orders, repId for activities and roster entries
 * @param json the record value, UTF-8 JSON as in the design contract
 * @param occurredAt the event time of an order or activity; {@code null} for a roster entry, which
 *     has none
 */
public record SimulatedRecord(String topicKind, String key, String json, Instant occurredAt) {
  public static final String ORDERS = "orders";
  public static final String ACTIVITIES = "activities";
  public static final String REPS = "reps";
}
