package dev.salespulse.tools.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Day targets for the demo's floor, so its dashboards have targets, pace and milestones to show:
 * revenue per rep, per team and for the company, and the company's orders, calls, meetings and
 * deals won. Each is the expected value of a day under {@link FloorModel} (what {@link DaySchedule}
 * draws from), rounded to a round number, so over a day some reps and teams end above target and
 * some below, and the company lands near 100 %.
 *
 * <p>The weekday targets are set as {@code DAY} targets, and the (much smaller) weekend ones as
 * {@code SATURDAY} and {@code SUNDAY} targets, which SalesPulse uses on those weekdays instead: so
 * every day, "yesterday" included, is measured against what a day of its kind brings.
 */
public final class DemoTargets {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private DemoTargets() {}

  /**
   * Every target of the floor: the weekday ones for every day ({@code DAY}), the weekend ones for
   * Saturday and Sunday. {@code sales.targets} records, key ({@code SCOPE:scopeId:PERIOD:METRIC})
   * to JSON value.
   */
  public static Map<String, String> all(SalesFloor floor) {
    Map<String, String> targets = new LinkedHashMap<>(forDay(floor, false, "DAY"));
    targets.putAll(forDay(floor, true, "SATURDAY"));
    targets.putAll(forDay(floor, true, "SUNDAY"));
    return targets;
  }

  /** The targets of a weekday or a weekend day, set for the target period {@code period}. */
  static Map<String, String> forDay(SalesFloor floor, boolean weekend, String period) {
    int scale = weekend ? 10 : 1;
    Map<String, String> targets = new LinkedHashMap<>();
    Map<String, Double> teamRevenue = new TreeMap<>();
    double revenue = 0;
    double orders = 0;
    double calls = 0;
    double meetings = 0;
    double won = 0;
    for (Rep rep : floor.reps()) {
      FloorModel.Expected expected = FloorModel.expected(rep, floor, weekend);
      put(targets, period, "REP", rep.repId(), "REVENUE", round(expected.revenue(), 100 / scale));
      teamRevenue.merge(rep.teamId(), expected.revenue(), Double::sum);
      revenue += expected.revenue();
      orders += expected.orders();
      calls += expected.calls();
      meetings += expected.meetings();
      won += expected.dealsWon();
    }
    teamRevenue.forEach(
        (team, value) -> put(targets, period, "TEAM", team, "REVENUE", round(value, 1000 / scale)));
    put(targets, period, "COMPANY", "all", "REVENUE", round(revenue, 1000 / scale));
    put(targets, period, "COMPANY", "all", "ORDERS", round(orders, weekend ? 1 : 10));
    put(targets, period, "COMPANY", "all", "CALLS", round(calls, weekend ? 1 : 10));
    put(targets, period, "COMPANY", "all", "MEETINGS", round(meetings, weekend ? 1 : 5));
    put(targets, period, "COMPANY", "all", "DEALS_WON", round(won, weekend ? 1 : 5));
    return targets;
  }

  /** {@code value} rounded half-up to a multiple of {@code step}, at least one step. */
  static BigDecimal round(double value, int step) {
    long steps = Math.max(1, Math.round(value / step));
    return BigDecimal.valueOf(steps * step).setScale(0, RoundingMode.UNNECESSARY);
  }

  private static void put(
      Map<String, String> targets,
      String period,
      String scope,
      String id,
      String metric,
      BigDecimal value) {
    targets.put(
        scope + ":" + id + ":" + period + ":" + metric,
        JSON.createObjectNode()
            .put("scope", scope)
            .put("scopeId", id)
            .put("period", period)
            .put("metric", metric)
            .put("value", value)
            .toString());
  }
}
