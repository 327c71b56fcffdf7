package dev.salespulse.streams.query;

import dev.salespulse.streams.events.Money;
import dev.salespulse.streams.stores.KpiTotals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The KPIs an answer carries, each computed from a scope's summed counters (contract, "KPIs").
 * Ratios of a group come from its summed numerators and denominators, never from an average of its
 * members' ratios; a ratio without a denominator is {@code null}. Money has the configured fraction
 * digits (half-even where it is divided); ratios have {@link #RATIO_DIGITS}.
 */
public enum Metric {
  REVENUE("revenue"),
  GROSS_REVENUE("grossRevenue"),
  ORDERS("orders"),
  UNITS("units"),
  AOV("aov"),
  REFUND_RATE("refundRate"),
  CALLS("calls"),
  EMAILS("emails"),
  MEETINGS("meetings"),
  DEMOS("demos"),
  LEADS("leads"),
  CONNECT_RATE("connectRate"),
  DEALS_WON("dealsWon"),
  DEALS_LOST("dealsLost"),
  WIN_RATE("winRate");

  /**
   * The customer KPIs: not sums of bucket counters but counted over a period's distinct customers
   * ({@link CustomerCounts}); leaderboards rank by them too.
   */
  public static final List<String> CUSTOMER_CODES =
      List.of("customers", "newCustomers", "repeatRate");

  /** Fraction digits of ratio KPIs (0.3478 = 34.78 %). */
  public static final int RATIO_DIGITS = 4;

  private final String code;

  Metric(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The KPI's value: a {@link BigDecimal} for money and ratios, a {@link Long} for counts. */
  public Object value(KpiTotals t, int currencyDigits) {
    return switch (this) {
      case REVENUE -> Money.fromMinor(t.revenueMinor(), currencyDigits);
      case GROSS_REVENUE -> Money.fromMinor(t.grossMinor(), currencyDigits);
      case ORDERS -> t.orders();
      case UNITS -> t.units();
      case AOV ->
          t.placed() == 0
              ? null
              : BigDecimal.valueOf(t.grossMinor())
                  .divide(BigDecimal.valueOf(t.placed()), 0, RoundingMode.HALF_EVEN)
                  .movePointLeft(currencyDigits);
      case REFUND_RATE -> ratio(t.reversedMinor(), t.grossMinor());
      case CALLS -> t.calls();
      case EMAILS -> t.emails();
      case MEETINGS -> t.meetings();
      case DEMOS -> t.demos();
      case LEADS -> t.leads();
      case CONNECT_RATE -> ratio(t.connected(), t.calls());
      case DEALS_WON -> t.dealsWon();
      case DEALS_LOST -> t.dealsLost();
      case WIN_RATE -> ratio(t.dealsWon(), t.dealsWon() + t.dealsLost());
    };
  }

  /** The value as a number to rank by, or null. */
  public BigDecimal rankValue(KpiTotals totals, int currencyDigits) {
    Object value = value(totals, currencyDigits);
    return value instanceof Long count ? BigDecimal.valueOf(count) : (BigDecimal) value;
  }

  private static BigDecimal ratio(long numerator, long denominator) {
    return denominator == 0
        ? null
        : BigDecimal.valueOf(numerator)
            .divide(BigDecimal.valueOf(denominator), RATIO_DIGITS, RoundingMode.HALF_EVEN);
  }

  /**
   * @throws IllegalArgumentException naming the known metrics
   */
  public static Metric parse(String code) {
    return Arrays.stream(values())
        .filter(m -> m.code.equals(code))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown metric '"
                        + code
                        + "'; known metrics: "
                        + Arrays.stream(values())
                            .map(Metric::code)
                            .collect(Collectors.joining(", "))
                        + " (and "
                        + String.join(", ", CUSTOMER_CODES)
                        + " for kpis and leaderboards)"));
  }
}
