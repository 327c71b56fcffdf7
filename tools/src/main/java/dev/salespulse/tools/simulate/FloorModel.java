package dev.salespulse.tools.simulate;

import java.math.BigDecimal;
import java.util.SplittableRandom;

/**
 * What a rep of the demo's floor does in a day, on average: the per-rep rates {@link DaySchedule}
 * draws from and {@link DemoTargets} sets targets by. A median rep (skill 1) on a weekday makes
 * about 55 dials (a quarter of them connect), writes 30 emails, creates 3 leads, holds 3.5 meetings
 * and 1.5 demos, wins about 1 deal and loses 1.5, and places 4.5 orders; the web shop adds about
 * 0.6 orders a rep around the clock, credited to the account's owner. Activity grows slowly with
 * skill, orders and wins faster. Each rep's day is scaled by a random factor (mean 1, about ±20 %).
 * On weekends about one rep in ten works, at a third of a weekday's pace (3 % of a weekday's rep
 * activity in all), and the web shop sells a little less.
 *
 * <p>Of the placed orders, {@value #CANCEL_SHARE} are cancelled within hours and {@value
 * #REFUND_SHARE} partly refunded (10-50 % of the amount) within 3 days.
 */
final class FloorModel {
  static final double CALLS = 55;
  static final double EMAILS = 30;
  static final double LEADS = 3;
  static final double MEETINGS = 3.5;
  static final double DEMOS = 1.5;
  static final double DEALS_WON = 1.0;
  static final double DEALS_LOST = 1.5;
  static final double ORDERS = 4.5;
  static final double WEB_ORDERS_WEEKDAY = 0.6;
  static final double WEB_ORDERS_WEEKEND = 0.4;
  static final double WEEKEND_WORKING = 0.1;
  static final double WEEKEND_WORKLOAD = 0.3;
  static final double DAY_SIGMA = 0.2;
  static final double CANCEL_SHARE = 0.02;
  static final double REFUND_SHARE = 0.03;
  static final double MEAN_REFUND_FRACTION = 0.3;

  private static final int SAMPLE_ORDERS = 200_000;
  private static volatile double[] meanAmounts;

  private FloorModel() {}

  /** The web shop's expected orders of a day on a floor of {@code reps} reps. */
  static double webOrders(int reps, boolean weekend) {
    return reps * (weekend ? WEB_ORDERS_WEEKEND : WEB_ORDERS_WEEKDAY);
  }

  /** How much more activity than a median rep: grows slowly with skill. */
  static double workload(Rep rep) {
    return Math.pow(rep.skill(), 0.3);
  }

  /** How many more orders and wins than a median rep. */
  static double closing(Rep rep) {
    return Math.pow(rep.skill(), 0.6);
  }

  /** A rep's expected counts on a weekday (workday) or weekend day (not). */
  static Expected expected(Rep rep, SalesFloor floor, boolean weekend) {
    double skillSum = floor.reps().stream().mapToDouble(Rep::skill).sum();
    double work = weekend ? WEEKEND_WORKING * WEEKEND_WORKLOAD : 1;
    double load = workload(rep) * work;
    double close = closing(rep) * work;
    double web = webOrders(floor.reps().size(), weekend) * rep.skill() / skillSum;
    return new Expected(
        CALLS * load,
        MEETINGS * load,
        DEALS_WON * close,
        ORDERS * close,
        web,
        ORDERS * close * meanAmount(rep, false) + web * meanAmount(rep, true));
  }

  /**
   * @param placedOrders orders placed by the rep in business hours; {@code webOrders} those of the
   *     web shop credited to the rep
   * @param grossRevenue the expected sum of both's amounts
   */
  record Expected(
      double calls,
      double meetings,
      double dealsWon,
      double placedOrders,
      double webOrders,
      double grossRevenue) {

    double orders() {
      return (placedOrders + webOrders) * (1 - CANCEL_SHARE);
    }

    double revenue() {
      return grossRevenue * (1 - CANCEL_SHARE - REFUND_SHARE * MEAN_REFUND_FRACTION);
    }
  }

  /**
   * The mean amount of an order {@link OrderFactory} makes for {@code rep}: a regular order's mean,
   * plus in business hours the big-deal chance times a big deal's mean. The two means are estimated
   * once from a fixed sample, so they are the same on every run.
   */
  static double meanAmount(Rep rep, boolean afterHours) {
    double[] means = meanAmounts();
    if (afterHours) {
      return means[0];
    }
    double big = Math.min(1, OrderFactory.BIG_DEAL_CHANCE * rep.skill());
    return (1 - big) * means[0] + big * means[1];
  }

  private static double[] meanAmounts() {
    double[] means = meanAmounts;
    if (means == null) {
      SplittableRandom random = new SplittableRandom(SalesFloor.STANDARD_SEED);
      SalesFloor floor = SalesFloor.generate(1, SalesFloor.STANDARD_SEED);
      OrderFactory orders = new OrderFactory(floor, random);
      BigDecimal regular = BigDecimal.ZERO;
      BigDecimal big = BigDecimal.ZERO;
      for (int i = 0; i < SAMPLE_ORDERS; i++) {
        regular = regular.add(orders.regularOrder().amount());
        big = big.add(orders.bigOrder().amount());
      }
      means =
          new double[] {regular.doubleValue() / SAMPLE_ORDERS, big.doubleValue() / SAMPLE_ORDERS};
      meanAmounts = means;
    }
    return means;
  }

  /** A Poisson-distributed count of mean {@code mean} (at most a few hundred). */
  static int poisson(double mean, SplittableRandom random) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      count++;
      product *= random.nextDouble();
    }
    return count;
  }

  /** A random factor of mean 1 by which a rep's day is busier or quieter than usual. */
  static double dayFactor(SplittableRandom random) {
    return Math.exp(DAY_SIGMA * random.nextGaussian() - DAY_SIGMA * DAY_SIGMA / 2);
  }
}
