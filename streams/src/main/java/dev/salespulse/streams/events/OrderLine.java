package dev.salespulse.streams.events;

import java.math.BigDecimal;
import java.util.Optional;

/** One line of a placed order; {@code category} feeds the category scope. */
public record OrderLine(
    Optional<String> sku, Optional<String> category, long quantity, BigDecimal unitPrice) {

  /** quantity × unitPrice, exact. */
  public BigDecimal total() {
    return unitPrice.multiply(BigDecimal.valueOf(quantity));
  }
}
