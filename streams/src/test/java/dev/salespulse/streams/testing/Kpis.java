package dev.salespulse.streams.testing;

import dev.salespulse.streams.stores.KpiTotals;
import java.math.BigDecimal;
import java.time.Instant;

/** Expected bucket contents, written the way a reader checks them: money as decimal text. */
public final class Kpis {
  private static final int CURRENCY_DIGITS = 2;

  private Kpis() {}

  /**
   * @param revenue exact reporting-currency amount, e.g. {@code "1350.50"} (2 fraction digits)
   * @param asOf the newest occurredAt counted in the bucket
   */
  public static KpiTotals totals(String revenue, long orders, long calls, Instant asOf) {
    long minor = new BigDecimal(revenue).movePointRight(CURRENCY_DIGITS).longValueExact();
    return new KpiTotals(minor, orders, calls, asOf.toEpochMilli());
  }

  public static KpiTotals totals(String revenue, long orders, long calls, String asOf) {
    return totals(revenue, orders, calls, Instant.parse(asOf));
  }
}
