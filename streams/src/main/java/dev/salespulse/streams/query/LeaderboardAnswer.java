package dev.salespulse.streams.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The shape of {@code GET /api/v1/leaderboard}. */
public record LeaderboardAnswer(
    String dimension,
    String metric,
    String period,
    Instant from,
    Instant to,
    String timezone,
    Instant asOf,
    boolean stale,
    List<Row> rows) {

  /**
   * @param value the metric's value (null for a ratio without a denominator, ranked last)
   * @param attainment actual/target once targets exist; null without a target
   */
  public record Row(int rank, String scope, String name, BigDecimal value, BigDecimal attainment) {}
}
