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

  /**
   * How often an ingest processor looks for a trickle in its buffer: at most {@link
   * #TRICKLE_EVENTS} events since its last flush, as on a live sales floor. A trickle is sent on at
   * once, its records marked with {@link #TRICKLE_HEADER}; a backlog fills the buffer faster than
   * that and waits for {@link #DELTA_FLUSH_INTERVAL}, which is what keeps catch-up fast.
   */
  public static final Duration TRICKLE_CHECK_INTERVAL = Duration.ofMillis(50);

  /** The most events since the last flush that still count as a trickle: 640 a second a task. */
  public static final int TRICKLE_EVENTS = 32;

  /**
   * Marks the deltas of a trickle's flush: the buckets publish the changes they make at their next
   * look ({@link #CHANGES_CHECK_INTERVAL}) instead of at the publish interval.
   */
  public static final String TRICKLE_HEADER = "salespulse.trickle";

  /** How often the buckets look for changes made by a trickle's deltas. */
  public static final Duration CHANGES_CHECK_INTERVAL = Duration.ofMillis(20);

  /**
   * Kafka Streams' commit interval, half its default under exactly-once (100 ms): what a flush
   * sends on, and what the buckets make of it, is readable only once committed, so every change
   * waits for two commits before queries and the live feed see it.
   */
  public static final Duration COMMIT_INTERVAL = Duration.ofMillis(50);

  private Freshness() {}
}
