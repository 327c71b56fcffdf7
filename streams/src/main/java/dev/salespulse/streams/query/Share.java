package dev.salespulse.streams.query;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The expected share of a period's result reached by now, as an exact fraction, so that pace and
 * projection are rounded once, at the end.
 */
record Share(BigDecimal numerator, BigDecimal denominator) {
  static final Share NONE = new Share(BigDecimal.ZERO, BigDecimal.ONE);
  static final Share ALL = new Share(BigDecimal.ONE, BigDecimal.ONE);

  static Share of(long numerator, long denominator) {
    return new Share(BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator));
  }

  boolean isZero() {
    return numerator.signum() == 0;
  }

  /** value / share, rounded half-even to {@code digits}; the share must not be zero. */
  BigDecimal divide(BigDecimal value, int digits) {
    return value.multiply(denominator).divide(numerator, digits, RoundingMode.HALF_EVEN);
  }

  /** (whole + this) / parts: whole periods already over plus this part of the current one. */
  Share plusWholeOver(long whole, long parts) {
    return new Share(
        BigDecimal.valueOf(whole).multiply(denominator).add(numerator),
        BigDecimal.valueOf(parts).multiply(denominator));
  }

  BigDecimal value() {
    return numerator.divide(denominator, 4, RoundingMode.HALF_EVEN);
  }
}
