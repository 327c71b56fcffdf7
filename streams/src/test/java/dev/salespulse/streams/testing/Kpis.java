package dev.salespulse.streams.testing;

import dev.salespulse.streams.stores.KpiTotals;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Expected bucket contents, written the way a reader checks them: money as decimal text. Most tests
 * look at revenue, orders and calls ({@link Slice}); tests of other KPIs read the whole {@link
 * KpiTotals}.
 */
public final class Kpis {

  /** The revenue, orders and calls of a bucket, and its newest event time. */
  public record Slice(long revenueMinor, long orders, long calls, long lastEventMs) {
    public static Slice of(KpiTotals totals) {
      return totals == null
          ? null
          : new Slice(totals.revenueMinor(), totals.orders(), totals.calls(), totals.lastEventMs());
    }
  }

  private static final int CURRENCY_DIGITS = 2;

  private Kpis() {}

  /**
   * @param revenue exact reporting-currency amount, e.g. {@code "1350.50"} (2 fraction digits)
   * @param asOf the newest occurredAt counted in the bucket
   */
  public static Slice totals(String revenue, long orders, long calls, Instant asOf) {
    long minor = new BigDecimal(revenue).movePointRight(CURRENCY_DIGITS).longValueExact();
    return new Slice(minor, orders, calls, asOf.toEpochMilli());
  }

  public static Slice totals(String revenue, long orders, long calls, String asOf) {
    return totals(revenue, orders, calls, Instant.parse(asOf));
  }
}
