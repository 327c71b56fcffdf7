package dev.salespulse.web.simulate;

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
 * <p>A SalesPulse target holds for every day until replaced, so the demo publishes the weekday
 * targets on Monday to Friday and the (much smaller) weekend targets on Saturday and Sunday,
 * replacing them at local midnight when the kind of day changes. A consequence: on a Saturday
 * "yesterday" (a Friday) is measured against the weekend targets, and on a Monday "yesterday" (a
 * Sunday) against the weekday ones.
 */
public final class DemoTargets {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private DemoTargets() {}

  /** {@code sales.targets} records, key ({@code SCOPE:scopeId:DAY:METRIC}) to JSON value. */
  public static Map<String, String> forDay(SalesFloor floor, boolean weekend) {
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
      put(targets, "REP", rep.repId(), "REVENUE", round(expected.revenue(), 100 / scale));
      teamRevenue.merge(rep.teamId(), expected.revenue(), Double::sum);
      revenue += expected.revenue();
      orders += expected.orders();
      calls += expected.calls();
      meetings += expected.meetings();
      won += expected.dealsWon();
    }
    teamRevenue.forEach(
        (team, value) -> put(targets, "TEAM", team, "REVENUE", round(value, 1000 / scale)));
    put(targets, "COMPANY", "all", "REVENUE", round(revenue, 1000 / scale));
    put(targets, "COMPANY", "all", "ORDERS", round(orders, weekend ? 1 : 10));
    put(targets, "COMPANY", "all", "CALLS", round(calls, weekend ? 1 : 10));
    put(targets, "COMPANY", "all", "MEETINGS", round(meetings, weekend ? 1 : 5));
    put(targets, "COMPANY", "all", "DEALS_WON", round(won, weekend ? 1 : 5));
    return targets;
  }

  /** {@code value} rounded half-up to a multiple of {@code step}, at least one step. */
  static BigDecimal round(double value, int step) {
    long steps = Math.max(1, Math.round(value / step));
    return BigDecimal.valueOf(steps * step).setScale(0, RoundingMode.UNNECESSARY);
  }

  private static void put(
      Map<String, String> targets, String scope, String id, String metric, BigDecimal value) {
    targets.put(
        scope + ":" + id + ":DAY:" + metric,
        JSON.createObjectNode()
            .put("scope", scope)
            .put("scopeId", id)
            .put("period", "DAY")
            .put("metric", metric)
            .put("value", value)
            .toString());
  }
}
