package dev.salespulse.streams.query;

import java.time.Instant;
import java.util.List;

/** The shape of {@code GET /api/v1/timeseries}: one point per step, zeros included. */
public record TimeseriesAnswer(
    String scope,
    String name,
    String metric,
    String period,
    String step,
    Instant from,
    Instant to,
    String timezone,
    Instant asOf,
    boolean stale,
    List<Point> points) {

  /**
   * @param t the start of the step
   * @param value the metric over the step (null for a ratio without a denominator)
   */
  public record Point(Instant t, Object value) {}
}
