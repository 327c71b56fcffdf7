package dev.salespulse.streams.topology;

import java.time.Duration;

/**
 * Timing that the topology and its processors share, kept below both so that the processors read it
 * downward rather than from the class that builds them.
 */
public final class Freshness {
  /**
   * How often the ingest processors send their per-scope, per-minute sums on to the buckets (wall
   * clock): the delay this adds to freshness, and what lets the topology keep up with backlogs.
   */
  public static final Duration DELTA_FLUSH_INTERVAL = Duration.ofMillis(200);

  private Freshness() {}
}
