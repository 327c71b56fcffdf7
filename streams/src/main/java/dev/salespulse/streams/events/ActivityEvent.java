package dev.salespulse.streams.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** An event of {@code sales.activities}, already validated by {@link EventParser}. */
public record ActivityEvent(
    String eventId,
    ActivityType type,
    Instant occurredAt,
    String repId,
    Optional<String> customerId,
    Optional<String> outcome,
    Optional<Long> durationSeconds,
    Optional<BigDecimal> dealValue,
    Optional<String> teamId,
    Optional<String> region) {

  /** A call that reached the customer, the numerator of {@code connectRate}. */
  public boolean connected() {
    return type == ActivityType.CALL && outcome.filter("CONNECTED"::equals).isPresent();
  }
}
