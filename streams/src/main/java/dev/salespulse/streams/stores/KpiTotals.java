package dev.salespulse.streams.stores;

import dev.salespulse.streams.events.ActivityType;

/**
 * The additive KPI counters of one scope in one bucket (or, in flight, one event's contribution to
 * one scope). Every field sums exactly, so any period's totals are the sum of its buckets and every
 * ratio KPI is computed from summed numerators and denominators, never averaged. Money is in minor
 * units of the reporting currency at the configured fraction digits: no binary floating point ever
 * enters a sum.
 *
 * @param revenueMinor placed minus cancelled and refunded amounts
 * @param grossMinor placed amounts
 * @param reversedMinor cancelled and refunded amounts
 * @param placed placed orders
 * @param cancelled cancelled orders
 * @param units line quantities of placed orders
 * @param connected CALLs with outcome CONNECTED
 * @param lastEventMs the newest {@code occurredAt} counted (epoch millis), the answer's {@code
 *     asOf}; {@link Long#MIN_VALUE} when nothing was counted
 */
public record KpiTotals(
    long revenueMinor,
    long grossMinor,
    long reversedMinor,
    long placed,
    long cancelled,
    long units,
    long calls,
    long connected,
    long emails,
    long meetings,
    long demos,
    long leads,
    long dealsWon,
    long dealsLost,
    long lastEventMs) {
  public static final KpiTotals EMPTY =
      new KpiTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Long.MIN_VALUE);

  /** A placed order (or its share of one category). */
  public static KpiTotals placedOrder(long minor, long units, long at) {
    return new KpiTotals(minor, minor, 0, 1, 0, units, 0, 0, 0, 0, 0, 0, 0, 0, at);
  }

  /** A cancellation taking back what was left of the order. */
  public static KpiTotals cancelledOrder(long remainingMinor, long at) {
    return new KpiTotals(-remainingMinor, 0, remainingMinor, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, at);
  }

  /** A (partial) refund. */
  public static KpiTotals refund(long minor, long at) {
    return new KpiTotals(-minor, 0, minor, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, at);
  }

  /** One activity of a rep. */
  public static KpiTotals activity(ActivityType type, boolean connected, long at) {
    return new KpiTotals(
        0,
        0,
        0,
        0,
        0,
        0,
        type == ActivityType.CALL ? 1 : 0,
        connected ? 1 : 0,
        type == ActivityType.EMAIL ? 1 : 0,
        type == ActivityType.MEETING ? 1 : 0,
        type == ActivityType.DEMO ? 1 : 0,
        type == ActivityType.LEAD_CREATED ? 1 : 0,
        type == ActivityType.DEAL_WON ? 1 : 0,
        type == ActivityType.DEAL_LOST ? 1 : 0,
        at);
  }

  /** Placed minus cancelled orders. */
  public long orders() {
    return placed - cancelled;
  }

  /**
   * Exact sum of two totals; overflow throws rather than wrapping. The ingest keeps every sum of
   * buckets and of queries within range ({@link SumLimits}), so it never does.
   */
  public KpiTotals plus(KpiTotals other) {
    return new KpiTotals(
        Math.addExact(revenueMinor, other.revenueMinor),
        Math.addExact(grossMinor, other.grossMinor),
        Math.addExact(reversedMinor, other.reversedMinor),
        Math.addExact(placed, other.placed),
        Math.addExact(cancelled, other.cancelled),
        Math.addExact(units, other.units),
        Math.addExact(calls, other.calls),
        Math.addExact(connected, other.connected),
        Math.addExact(emails, other.emails),
        Math.addExact(meetings, other.meetings),
        Math.addExact(demos, other.demos),
        Math.addExact(leads, other.leads),
        Math.addExact(dealsWon, other.dealsWon),
        Math.addExact(dealsLost, other.dealsLost),
        Math.max(lastEventMs, other.lastEventMs));
  }

  public boolean hasEvents() {
    return lastEventMs != Long.MIN_VALUE;
  }
}
