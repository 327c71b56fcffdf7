package dev.salespulse.streams.events;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Money arithmetic of the contract: an amount is converted to the reporting currency and rounded
 * half-even to the configured fraction digits once, per event; from then on it is a {@code long} of
 * minor units and every sum is exact.
 */
public final class Money {
  /**
   * The largest converted amount of one event, in minor units (10^15: ten trillion at 2 digits).
   * What one business day may add up to is bounded too ({@code SumLimits}): together they keep
   * every exact {@code long} sum from overflow.
   */
  public static final long MAX_MINOR = 1_000_000_000_000_000L;

  private Money() {}

  /**
   * amount × rate, rounded half-even to {@code digits}, as minor units.
   *
   * @throws InvalidEventException {@code amount-too-large} beyond {@link #MAX_MINOR}
   */
  public static long toMinor(BigDecimal amount, BigDecimal rate, int digits)
      throws InvalidEventException {
    BigDecimal minor = amount.multiply(rate).setScale(digits, RoundingMode.HALF_EVEN);
    if (minor.unscaledValue().abs().compareTo(BigInteger.valueOf(MAX_MINOR)) > 0) {
      throw new InvalidEventException(
          RejectReason.AMOUNT_TOO_LARGE,
          "amount " + amount.toPlainString() + " is too large to count exactly");
    }
    return minor.unscaledValue().longValueExact();
  }

  /** Minor units back to an amount with exactly {@code digits} fraction digits. */
  public static BigDecimal fromMinor(long minor, int digits) {
    return BigDecimal.valueOf(minor, digits);
  }
}
