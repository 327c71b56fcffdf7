package dev.salespulse.tools.simulate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A simulated order as placed; its amount is the exact sum of its lines. */
record PlacedOrder(
    String orderId,
    Instant placedAt,
    String repId,
    String customerId,
    String channel,
    String currency,
    List<OrderLine> lines) {

  PlacedOrder {
    lines = List.copyOf(lines);
  }

  BigDecimal amount() {
    return lines.stream().map(OrderLine::total).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
