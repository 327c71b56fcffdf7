package dev.salespulse.streams.query;

import java.time.Duration;

/**
 * The moment by which a request must be answered ({@code SALESPULSE_REQUEST_TIMEOUT} after it
 * arrived). Query code past it stops with a {@link DeadlineExceededException} instead of keeping
 * its caller waiting, and calls to other instances are given only what is left. Measured on the
 * monotonic clock ({@link System#nanoTime}), so a jump of the wall clock neither ends nor extends
 * it.
 */
public final class Deadline {
  private final Duration timeout;
  private final long endNanos;

  private Deadline(Duration timeout, long endNanos) {
    this.timeout = timeout;
    this.endNanos = endNanos;
  }

  /** A deadline {@code timeout} from now. */
  public static Deadline in(Duration timeout) {
    return new Deadline(timeout, System.nanoTime() + timeout.toNanos());
  }

  /** The earlier of this deadline and one {@code timeout} from now. */
  public Deadline atMost(Duration timeout) {
    long other = System.nanoTime() + timeout.toNanos();
    return other - endNanos < 0 ? new Deadline(timeout, other) : this;
  }

  /** The whole time the request was given. */
  public Duration timeout() {
    return timeout;
  }

  /** What is left, zero once passed. */
  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
  }

  public boolean passed() {
    return endNanos - System.nanoTime() <= 0;
  }

  /**
   * @throws DeadlineExceededException once the deadline has passed
   */
  public void check() {
    if (passed()) {
      throw new DeadlineExceededException(timeout);
    }
  }
}
