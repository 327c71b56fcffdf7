package dev.salespulse.streams.query;

import java.time.Duration;

/** A request could not be answered within its deadline ({@link Deadline}); retry shortly. */
public final class DeadlineExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DeadlineExceededException(Duration timeout) {
    super("not answered within the request deadline of " + timeout.toMillis() + " ms", null);
  }
}
