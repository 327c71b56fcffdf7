package dev.salespulse.streams.stores;

/**
 * The additive KPI counters of one scope in one bucket (or, in flight, one event's contribution to
 * one scope). Every field sums exactly; money is in minor units of the reporting currency at the
 * configured number of fraction digits, so no binary floating point ever enters a sum.
 *
 * @param revenueMinor placed minus cancelled/refunded amounts, in minor units
 * @param orders placed minus cancelled orders
 * @param calls CALL activities
 * @param lastEventMs the newest {@code occurredAt} counted (epoch millis), the answer's {@code
 *     asOf}; {@link Long#MIN_VALUE} when nothing was counted
 */
public record KpiTotals(long revenueMinor, long orders, long calls, long lastEventMs) {
  public static final KpiTotals EMPTY = new KpiTotals(0, 0, 0, Long.MIN_VALUE);

  /** Exact sum of two totals; overflow throws rather than wrapping. */
  public KpiTotals plus(KpiTotals other) {
    return new KpiTotals(
        Math.addExact(revenueMinor, other.revenueMinor),
        Math.addExact(orders, other.orders),
        Math.addExact(calls, other.calls),
        Math.max(lastEventMs, other.lastEventMs));
  }

  public boolean hasEvents() {
    return lastEventMs != Long.MIN_VALUE;
  }
}
