package dev.salespulse.tools.simulate;

import java.math.BigDecimal;

/** One line of a simulated order. */
record OrderLine(Sku sku, int quantity) {

  BigDecimal total() {
    return sku.unitPrice().multiply(BigDecimal.valueOf(quantity));
  }
}
