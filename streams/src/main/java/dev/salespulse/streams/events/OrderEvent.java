package dev.salespulse.streams.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An event of {@code sales.orders}, already validated by {@link EventParser}. For a placed order
 * repId, amount and currency are present; a cancellation carries neither; a refund carries amount.
 * Attribution of cancellations and refunds comes from the original order, not from this event.
 */
public record OrderEvent(
    String eventId,
    OrderType type,
    String orderId,
    Instant occurredAt,
    Optional<String> repId,
    Optional<String> customerId,
    Optional<String> channel,
    Optional<String> currency,
    Optional<BigDecimal> amount,
    Optional<String> teamId,
    Optional<String> region,
    List<OrderLine> lines) {

  public OrderEvent {
    lines = List.copyOf(lines);
  }
}
