package dev.salespulse.streams.query;

import java.time.Duration;

/**
 * What a read query costs: days × scopes × points, checked against {@code
 * SALESPULSE_QUERY_COST_LIMIT} before the work that grows with it.
 *
 * <ul>
 *   <li>days: the business days of a period of days; for a period of minutes, its length in days
 *       rounded up (at least 1);
 *   <li>scopes: the scopes the answer computes KPIs for: 1 for kpis and a time series; every scope
 *       of the dimension a leaderboard ranks (those with events in the period, whatever {@code
 *       limit}); the rows of a table; 1 for the scopes list;
 *   <li>points: the points of a time series; 1 otherwise.
 * </ul>
 *
 * @param advice what the asker can change to ask for less
 */
record QueryCost(long days, long scopes, long points, String advice) {
  private static final Duration DAY = Duration.ofDays(1);

  static long daysOf(PeriodRange range) {
    if (range.byDays()) {
      return range.days().size();
    }
    long minutes = Duration.between(range.from(), range.to()).toMinutes();
    return Math.max(1, (minutes + DAY.toMinutes() - 1) / DAY.toMinutes());
  }

  long value() {
    return Math.multiplyExact(Math.multiplyExact(days, scopes), points);
  }

  /**
   * @throws QueryTooCostlyException when the cost is above {@code limit}
   */
  void check(long limit) {
    long cost = value();
    if (cost > limit) {
      throw new QueryTooCostlyException(
          cost,
          limit,
          "this query costs "
              + cost
              + " ("
              + count(days, "day")
              + " × "
              + count(scopes, "scope")
              + " × "
              + count(points, "point")
              + "), above the limit of "
              + limit
              + " (SALESPULSE_QUERY_COST_LIMIT); "
              + advice);
    }
  }

  private static String count(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
