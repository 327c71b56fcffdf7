package dev.salespulse.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.salespulse.streams.events.ActivityType;
import dev.salespulse.streams.stores.KpiTotals;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every KPI's formula over hand-built counters: money exact at the currency's digits, ratios at
 * four digits half-even, {@code null} for a ratio without a denominator, and a group's ratios from
 * its summed numerators and denominators.
 */
class MetricTest {
  private static final int CENTS = 2;
  private static final long AT = 1_795_000_000_000L;

  /** A bucket with every counter set to a different value, so a swapped field shows. */
  private static final KpiTotals BUSY_DAY =
      new KpiTotals(
          /* revenueMinor */ 90_000,
          /* grossMinor */ 100_000,
          /* reversedMinor */ 10_000,
          /* placed */ 8,
          /* cancelled */ 1,
          /* units */ 21,
          /* calls */ 12,
          /* connected */ 5,
          /* emails */ 7,
          /* meetings */ 3,
          /* demos */ 2,
          /* leads */ 4,
          /* dealsWon */ 6,
          /* dealsLost */ 9,
          AT);

  @Test
  void shouldComputeEveryKpiOfABucket() {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Metric metric : Metric.SUMMED) {
      values.put(metric.code(), metric.value(BUSY_DAY, CENTS));
    }

    assertThat(values)
        .containsExactly(
            Map.entry("revenue", new BigDecimal("900.00")),
            Map.entry("grossRevenue", new BigDecimal("1000.00")),
            Map.entry("orders", 7L),
            Map.entry("units", 21L),
            Map.entry("aov", new BigDecimal("125.00")),
            Map.entry("refundRate", new BigDecimal("0.1000")),
            Map.entry("calls", 12L),
            Map.entry("emails", 7L),
            Map.entry("meetings", 3L),
            Map.entry("demos", 2L),
            Map.entry("leads", 4L),
            Map.entry("connectRate", new BigDecimal("0.4167")),
            Map.entry("dealsWon", 6L),
            Map.entry("dealsLost", 9L),
            Map.entry("winRate", new BigDecimal("0.4000")));
  }

  @Test
  void shouldAnswerNullForEveryRatioWithoutADenominator() {
    assertThat(Metric.AOV.value(KpiTotals.EMPTY, CENTS)).isNull();
    assertThat(Metric.REFUND_RATE.value(KpiTotals.EMPTY, CENTS)).isNull();
    assertThat(Metric.CONNECT_RATE.value(KpiTotals.EMPTY, CENTS)).isNull();
    assertThat(Metric.WIN_RATE.value(KpiTotals.EMPTY, CENTS)).isNull();
    assertThat(Metric.REFUND_RATE.rankValue(KpiTotals.EMPTY, CENTS)).isNull();
  }

  @Test
  void shouldAnswerZerosNotNullsForCountsAndMoneyOfAnEmptyBucket() {
    assertThat(Metric.REVENUE.value(KpiTotals.EMPTY, CENTS)).isEqualTo(new BigDecimal("0.00"));
    assertThat(Metric.GROSS_REVENUE.value(KpiTotals.EMPTY, CENTS))
        .isEqualTo(new BigDecimal("0.00"));
    assertThat(Metric.ORDERS.value(KpiTotals.EMPTY, CENTS)).isEqualTo(0L);
    assertThat(Metric.CALLS.value(KpiTotals.EMPTY, CENTS)).isEqualTo(0L);
    assertThat(Metric.DEALS_WON.value(KpiTotals.EMPTY, CENTS)).isEqualTo(0L);
  }

  @Test
  void shouldRoundAovHalfEvenToTheCurrencyDigits() {
    // 200.01 over 2 orders is 100.005: half-even keeps the even cent, half-up would say 100.01.
    assertThat(Metric.AOV.value(twoOrdersWorth(200_01), CENTS)).isEqualTo(new BigDecimal("100.00"));
    // 200.03 over 2 orders is 100.015: half-even goes up to the even cent.
    assertThat(Metric.AOV.value(twoOrdersWorth(200_03), CENTS)).isEqualTo(new BigDecimal("100.02"));
    // 100.00 over 3 orders is 33.3333…: plain rounding down, still two digits.
    KpiTotals three =
        KpiTotals.placedOrder(33_34, 1, AT)
            .plus(KpiTotals.placedOrder(33_33, 1, AT))
            .plus(KpiTotals.placedOrder(33_33, 1, AT));
    assertThat(Metric.AOV.value(three, CENTS)).isEqualTo(new BigDecimal("33.33"));
  }

  @Test
  void shouldKeepAovInTheConfiguredCurrencyDigits() {
    // 3 digits: 2.001 + 2.002 = 4.003 over 2 orders = 2.0015 → 2.002 (half-even).
    KpiTotals twoOrders =
        KpiTotals.placedOrder(2_001, 1, AT).plus(KpiTotals.placedOrder(2_002, 1, AT));
    assertThat(Metric.AOV.value(twoOrders, 3)).isEqualTo(new BigDecimal("2.002"));
    assertThat(Metric.GROSS_REVENUE.value(twoOrders, 3)).isEqualTo(new BigDecimal("4.003"));
    // 0 digits (e.g. JPY): 1001 + 1000 over 2 orders = 1000.5 → 1000.
    KpiTotals yen = KpiTotals.placedOrder(1_001, 1, AT).plus(KpiTotals.placedOrder(1_000, 1, AT));
    assertThat(Metric.AOV.value(yen, 0)).isEqualTo(new BigDecimal("1000"));
  }

  @Test
  void shouldTakeGrossRevenueNotNetRevenueForAov() {
    KpiTotals placedThenRefunded = twoOrdersWorth(300_00).plus(KpiTotals.refund(100_00, AT));

    assertThat(Metric.REVENUE.value(placedThenRefunded, CENTS)).isEqualTo(new BigDecimal("200.00"));
    assertThat(Metric.AOV.value(placedThenRefunded, CENTS)).isEqualTo(new BigDecimal("150.00"));
  }

  @Test
  void shouldRoundRatiosHalfEvenToFourDigits() {
    // 1/32 = 0.03125 → 0.0312 and 3/32 = 0.09375 → 0.0938: ties go to the even digit.
    assertThat(Metric.CONNECT_RATE.value(calls(32, 1), CENTS)).isEqualTo(new BigDecimal("0.0312"));
    assertThat(Metric.CONNECT_RATE.value(calls(32, 3), CENTS)).isEqualTo(new BigDecimal("0.0938"));
    assertThat(Metric.CONNECT_RATE.value(calls(3, 2), CENTS)).isEqualTo(new BigDecimal("0.6667"));
    assertThat(Metric.CONNECT_RATE.value(calls(3, 0), CENTS)).isEqualTo(new BigDecimal("0.0000"));
    assertThat(Metric.CONNECT_RATE.value(calls(4, 4), CENTS)).isEqualTo(new BigDecimal("1.0000"));
  }

  @Test
  void shouldComputeRefundRateFromCancelledAndRefundedAmountsOverGrossRevenue() {
    KpiTotals day =
        KpiTotals.placedOrder(80_00, 1, AT)
            .plus(KpiTotals.placedOrder(320_00, 4, AT))
            .plus(KpiTotals.cancelledOrder(80_00, AT))
            .plus(KpiTotals.refund(20_00, AT));

    assertThat(Metric.REFUND_RATE.value(day, CENTS)).isEqualTo(new BigDecimal("0.2500"));
    assertThat(Metric.REVENUE.value(day, CENTS)).isEqualTo(new BigDecimal("300.00"));
    assertThat(Metric.GROSS_REVENUE.value(day, CENTS)).isEqualTo(new BigDecimal("400.00"));
    assertThat(Metric.ORDERS.value(day, CENTS)).isEqualTo(1L);
    assertThat(Metric.UNITS.value(day, CENTS)).isEqualTo(5L);
  }

  @Test
  void shouldAnswerNegativeRevenueAndNoRefundRateForADayWithOnlyARefund() {
    KpiTotals refundOfAnOlderOrder = KpiTotals.refund(12_34, AT);

    assertThat(Metric.REVENUE.value(refundOfAnOlderOrder, CENTS))
        .isEqualTo(new BigDecimal("-12.34"));
    assertThat(Metric.GROSS_REVENUE.value(refundOfAnOlderOrder, CENTS))
        .isEqualTo(new BigDecimal("0.00"));
    assertThat(Metric.REFUND_RATE.value(refundOfAnOlderOrder, CENTS)).isNull();
  }

  @Test
  void shouldComputeWinRateFromWonOverWonAndLost() {
    KpiTotals deals =
        activities(ActivityType.DEAL_WON, 1).plus(activities(ActivityType.DEAL_LOST, 2));

    assertThat(Metric.WIN_RATE.value(deals, CENTS)).isEqualTo(new BigDecimal("0.3333"));
    assertThat(Metric.DEALS_WON.value(deals, CENTS)).isEqualTo(1L);
    assertThat(Metric.DEALS_LOST.value(deals, CENTS)).isEqualTo(2L);
    assertThat(Metric.WIN_RATE.value(activities(ActivityType.DEAL_LOST, 3), CENTS))
        .isEqualTo(new BigDecimal("0.0000"));
  }

  @Test
  void shouldCountEachActivityKindInItsOwnKpi() {
    KpiTotals floor =
        activities(ActivityType.EMAIL, 5)
            .plus(activities(ActivityType.MEETING, 4))
            .plus(activities(ActivityType.DEMO, 3))
            .plus(activities(ActivityType.LEAD_CREATED, 2));

    assertThat(Metric.EMAILS.value(floor, CENTS)).isEqualTo(5L);
    assertThat(Metric.MEETINGS.value(floor, CENTS)).isEqualTo(4L);
    assertThat(Metric.DEMOS.value(floor, CENTS)).isEqualTo(3L);
    assertThat(Metric.LEADS.value(floor, CENTS)).isEqualTo(2L);
    assertThat(Metric.CALLS.value(floor, CENTS)).isEqualTo(0L);
    assertThat(Metric.CONNECT_RATE.value(floor, CENTS)).isNull();
  }

  @Test
  void shouldComputeAGroupsRatioFromSummedNumeratorsNotFromTheMeanOfItsMembersRatios() {
    KpiTotals ada = calls(1, 1);
    KpiTotals ben = calls(3, 1);

    assertThat(Metric.CONNECT_RATE.value(ada, CENTS)).isEqualTo(new BigDecimal("1.0000"));
    assertThat(Metric.CONNECT_RATE.value(ben, CENTS)).isEqualTo(new BigDecimal("0.3333"));
    // (1 + 1) / (1 + 3) = 0.5, where the mean of the rates would be 0.6667.
    assertThat(Metric.CONNECT_RATE.value(ada.plus(ben), CENTS)).isEqualTo(new BigDecimal("0.5000"));
  }

  @Test
  void shouldComputeAGroupsAovFromSummedRevenueOverSummedOrders() {
    KpiTotals ada = KpiTotals.placedOrder(100_00, 1, AT);
    KpiTotals ben = twoOrdersWorth(20_00).plus(KpiTotals.placedOrder(10_00, 1, AT));

    // 130.00 over 4 orders = 32.50; the mean of 100.00 and 10.00 would be 55.00.
    assertThat(Metric.AOV.value(ada.plus(ben), CENTS)).isEqualTo(new BigDecimal("32.50"));
  }

  @Test
  void shouldRankCountsAndMoneyAsDecimals() {
    assertThat(Metric.ORDERS.rankValue(BUSY_DAY, CENTS)).isEqualTo(BigDecimal.valueOf(7));
    assertThat(Metric.REVENUE.rankValue(BUSY_DAY, CENTS)).isEqualTo(new BigDecimal("900.00"));
    assertThat(Metric.WIN_RATE.rankValue(BUSY_DAY, CENTS)).isEqualTo(new BigDecimal("0.4000"));
  }

  @Test
  void shouldParseEveryMetricByItsCode() {
    for (Metric metric : Metric.values()) {
      assertThat(Metric.parse(metric.code())).isEqualTo(metric);
    }
    assertThat(Metric.SUMMED.stream().map(Metric::code))
        .containsExactly(
            "revenue",
            "grossRevenue",
            "orders",
            "units",
            "aov",
            "refundRate",
            "calls",
            "emails",
            "meetings",
            "demos",
            "leads",
            "connectRate",
            "dealsWon",
            "dealsLost",
            "winRate");
  }

  @Test
  void shouldRejectAnUnknownMetricNamingTheKnownOnes() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Metric.parse("profit"))
        .withMessageContaining("profit")
        .withMessageContaining("revenue")
        .withMessageContaining("winRate");
    assertThatIllegalArgumentException().isThrownBy(() -> Metric.parse("REVENUE"));
    assertThatIllegalArgumentException().isThrownBy(() -> Metric.parse(null));
  }

  @Test
  void shouldCountTheCustomerKpisFromATally() {
    Partials.CustomerTally fourOfWhomOneNew = new Partials.CustomerTally(4, 1);

    assertThat(Metric.OF_CUSTOMERS.stream().map(Metric::code))
        .containsExactly("customers", "newCustomers", "repeatRate");
    assertThat(Metric.CUSTOMERS.value(fourOfWhomOneNew)).isEqualTo(4L);
    assertThat(Metric.NEW_CUSTOMERS.value(fourOfWhomOneNew)).isEqualTo(1L);
    assertThat(Metric.REPEAT_RATE.value(fourOfWhomOneNew)).isEqualTo(new BigDecimal("0.7500"));
    assertThat(Metric.REPEAT_RATE.value(Partials.CustomerTally.NONE)).isNull();
    assertThat(Metric.NEW_CUSTOMERS.rankValue(fourOfWhomOneNew)).isEqualTo(BigDecimal.ONE);
  }

  @Test
  void shouldParseACustomerKpiButNotAsASummedOne() {
    assertThat(Metric.parse("repeatRate")).isEqualTo(Metric.REPEAT_RATE);
    assertThat(Metric.parseSummed("winRate")).isEqualTo(Metric.WIN_RATE);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Metric.parseSummed("customers"))
        .withMessageStartingWith("unknown metric 'customers'; known metrics: revenue, grossRevenue")
        .withMessageEndingWith(
            "winRate (and customers, newCustomers, repeatRate for kpis and leaderboards)");
    assertThatIllegalStateException().isThrownBy(() -> Metric.CUSTOMERS.value(BUSY_DAY, CENTS));
  }

  /** Two placed orders whose amounts sum to {@code totalMinor}. */
  private static KpiTotals twoOrdersWorth(long totalMinor) {
    long first = totalMinor / 2;
    return KpiTotals.placedOrder(first, 1, AT)
        .plus(KpiTotals.placedOrder(totalMinor - first, 1, AT));
  }

  /** {@code total} calls of which {@code connected} connected. */
  private static KpiTotals calls(int total, int connected) {
    KpiTotals sum = KpiTotals.EMPTY;
    for (int i = 0; i < total; i++) {
      sum = sum.plus(KpiTotals.activity(ActivityType.CALL, i < connected, AT));
    }
    return sum;
  }

  private static KpiTotals activities(ActivityType type, int count) {
    KpiTotals sum = KpiTotals.EMPTY;
    for (int i = 0; i < count; i++) {
      sum = sum.plus(KpiTotals.activity(type, false, AT));
    }
    return sum;
  }
}
