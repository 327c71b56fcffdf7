package dev.salespulse.web.ingest;

/** One record after the checks the door can make alone: ready to produce, or refused with why. */
sealed interface Checked {

  /** Goes to {@code topic} with {@code key}; {@code value} null is a deletion (tombstone). */
  record Routed(String topic, String key, byte[] value, String eventId) implements Checked {}

  /** Refused: {@code reason} is a stable code, {@code detail} says what is wrong for people. */
  record Refused(String reason, String detail, String eventId) implements Checked {}
}
