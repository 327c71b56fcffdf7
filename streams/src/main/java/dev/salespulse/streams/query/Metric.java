package dev.salespulse.streams.query;

import dev.salespulse.streams.events.Money;
import dev.salespulse.streams.stores.KpiTotals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The KPIs an answer carries (contract, "KPIs"). Most are computed from a scope's summed bucket
 * counters ({@link #SUMMED}); the customer KPIs are counted over a period's distinct customers
 * ({@link #OF_CUSTOMERS}, see {@link CustomerCounts}). Ratios of a group come from its summed
 * numerators and denominators, never from an average of its members' ratios; a ratio without a
 * denominator is {@code null}. Money has the configured fraction digits (half-even where it is
 * divided); ratios have {@link #RATIO_DIGITS}.
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
  WIN_RATE("winRate"),
  CUSTOMERS("customers"),
  NEW_CUSTOMERS("newCustomers"),
  REPEAT_RATE("repeatRate");

  /** The KPIs computed from a scope's summed bucket counters, in the order answers list them. */
  public static final List<Metric> SUMMED =
      Arrays.stream(values()).filter(metric -> !metric.ofCustomers()).toList();

  /**
   * The customer KPIs: not sums of bucket counters but counted over a period's distinct customers
   * ({@link CustomerCounts}); KPI answers and leaderboards carry them, time series do not.
   */
  public static final List<Metric> OF_CUSTOMERS = List.of(CUSTOMERS, NEW_CUSTOMERS, REPEAT_RATE);

  /** Fraction digits of ratio KPIs (0.3478 = 34.78 %). */
  public static final int RATIO_DIGITS = 4;

  private final String code;

  Metric(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** Whether this is a customer KPI, counted over distinct customers rather than summed. */
  public boolean ofCustomers() {
    return this == CUSTOMERS || this == NEW_CUSTOMERS || this == REPEAT_RATE;
  }

  /**
   * The KPI's value: a {@link BigDecimal} for money and ratios, a {@link Long} for counts.
   *
   * @throws IllegalStateException for a customer KPI, which bucket sums cannot give
   */
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
      case CUSTOMERS, NEW_CUSTOMERS, REPEAT_RATE ->
          throw new IllegalStateException(code + " is counted over customers, not summed");
    };
  }

  /**
   * A customer KPI's value from a scope's customer tally: a {@link Long} for counts, a {@link
   * BigDecimal} ratio (null without customers).
   *
   * @throws IllegalStateException for a summed KPI
   */
  public Object value(Partials.CustomerTally tally) {
    return switch (this) {
      case CUSTOMERS -> tally.customers();
      case NEW_CUSTOMERS -> tally.newCustomers();
      case REPEAT_RATE -> ratio(tally.customers() - tally.newCustomers(), tally.customers());
      default -> throw new IllegalStateException(code + " is summed, not counted over customers");
    };
  }

  /** The value as a number to rank by, or null. */
  public BigDecimal rankValue(KpiTotals totals, int currencyDigits) {
    return decimal(value(totals, currencyDigits));
  }

  /** A customer KPI's value as a number to rank by, or null. */
  public BigDecimal rankValue(Partials.CustomerTally tally) {
    return decimal(value(tally));
  }

  private static BigDecimal decimal(Object value) {
    return value instanceof Long count ? BigDecimal.valueOf(count) : (BigDecimal) value;
  }

  private static BigDecimal ratio(long numerator, long denominator) {
    return denominator == 0
        ? null
        : BigDecimal.valueOf(numerator)
            .divide(BigDecimal.valueOf(denominator), RATIO_DIGITS, RoundingMode.HALF_EVEN);
  }

  /**
   * Any KPI, customer KPIs included.
   *
   * @throws IllegalArgumentException naming the known metrics
   */
  public static Metric parse(String code) {
    for (Metric metric : values()) {
      if (metric.code.equals(code)) {
        return metric;
      }
    }
    throw unknown(code);
  }

  /**
   * A KPI summed from buckets (what a time series can show).
   *
   * @throws IllegalArgumentException naming the known metrics, for a customer KPI too
   */
  public static Metric parseSummed(String code) {
    Metric metric = parse(code);
    if (metric.ofCustomers()) {
      throw unknown(code);
    }
    return metric;
  }

  private static IllegalArgumentException unknown(String code) {
    return new IllegalArgumentException(
        "unknown metric '"
            + code
            + "'; known metrics: "
            + SUMMED.stream().map(Metric::code).collect(Collectors.joining(", "))
            + " (and "
            + OF_CUSTOMERS.stream().map(Metric::code).collect(Collectors.joining(", "))
            + " for kpis and leaderboards)");
  }
}
