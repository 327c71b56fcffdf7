package dev.salespulse.streams.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An event of {@code sales.orders}, already validated by {@link EventParser}: one record per {@link
 * OrderType}, each with the fields that type requires. Attribution of cancellations and refunds
 * comes from the original order, not from the event, so they carry none.
 */
public sealed interface OrderEvent
    permits OrderEvent.Placed, OrderEvent.Cancelled, OrderEvent.Refunded {

  String eventId();

  String orderId();

  Instant occurredAt();

  OrderType type();

  /**
   * {@code ORDER_PLACED}: a new order of {@code repId}, worth {@code amount} in {@code currency}.
   */
  record Placed(
      String eventId,
      String orderId,
      Instant occurredAt,
      String repId,
      String currency,
      BigDecimal amount,
      Optional<String> customerId,
      Optional<String> channel,
      Optional<String> teamId,
      Optional<String> region,
      List<OrderLine> lines)
      implements OrderEvent {

    public Placed {
      lines = List.copyOf(lines);
    }

    @Override
    public OrderType type() {
      return OrderType.ORDER_PLACED;
    }
  }

  /** {@code ORDER_CANCELLED}: takes back what is left of the order. */
  record Cancelled(String eventId, String orderId, Instant occurredAt) implements OrderEvent {
    @Override
    public OrderType type() {
      return OrderType.ORDER_CANCELLED;
    }
  }

  /** {@code ORDER_REFUNDED}: takes back {@code amount}, in the order's own currency. */
  record Refunded(String eventId, String orderId, Instant occurredAt, BigDecimal amount)
      implements OrderEvent {
    @Override
    public OrderType type() {
      return OrderType.ORDER_REFUNDED;
    }
  }
}
