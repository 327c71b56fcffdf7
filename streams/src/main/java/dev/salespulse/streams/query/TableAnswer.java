package dev.salespulse.streams.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The shape of {@code GET /api/v1/table}: one row per scope of a dimension within a filter scope,
 * with every KPI the manager view's tables show, ordered by revenue (highest first), then scope.
 *
 * @param scope the filter: {@code company:all}, a region or a team
 * @param asOf the newest event time counted in any row, or null when nothing was counted
 */
public record TableAnswer(
    String dimension,
    String scope,
    String period,
    Instant from,
    Instant to,
    String timezone,
    Instant asOf,
    boolean stale,
    String currency,
    List<Row> rows) {

  /**
   * @param team a rep's team scope on the roster, else null
   * @param teamName that team's display name, else null
   * @param region a rep's region on the roster, or the region of a team's reps, else null
   * @param kpis every {@link Metric} by its code, then the revenue target's {@code target}, {@code
   *     attainment}, {@code pace}, {@code projected} and {@code gap} (null without a target)
   */
  public record Row(
      String scope,
      String name,
      String team,
      String teamName,
      String region,
      Map<String, Object> kpis) {}
}
