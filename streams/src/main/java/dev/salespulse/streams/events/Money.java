package dev.salespulse.streams.events;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money arithmetic of the contract: an amount is converted to the reporting currency and rounded
 * half-even to the configured fraction digits once, per event; from then on it is a {@code long}
 * of minor units and every sum is exact.
 */
public final class Money {
  private Money() {}

  /** amount × rate, rounded half-even to {@code digits}, as minor units. */
  public static long toMinor(BigDecimal amount, BigDecimal rate, int digits) {
    return amount
        .multiply(rate)
        .setScale(digits, RoundingMode.HALF_EVEN)
        .unscaledValue()
        .longValueExact();
  }

  /** Minor units back to an amount with exactly {@code digits} fraction digits. */
  public static BigDecimal fromMinor(long minor, int digits) {
    return BigDecimal.valueOf(minor, digits);
  }
}
