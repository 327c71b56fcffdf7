package dev.salespulse.streams.query;

import java.util.Optional;

/**
 * What the request being answered on this thread carries through the query code without every
 * method passing it on: its {@link Deadline}, and whether any part of its answer was read from a
 * copy of the stores that may lag (a standby replica, or a task still restoring), which makes the
 * answer {@code stale}. The HTTP server opens one per read request and closes it when the request
 * is answered; code that runs outside a request (the live feed, gauges) has none, and then {@link
 * #checkDeadline()} checks nothing and {@link #markStale()} marks nothing.
 *
 * <p>One thread owns a scope; parts of a request that run on other threads (calls to other
 * instances) report back to it.
 */
public final class RequestScope implements AutoCloseable {
  private static final ThreadLocal<RequestScope> CURRENT = new ThreadLocal<>();

  private final Deadline deadline;
  private final RequestScope outer;
  private boolean stale;

  private RequestScope(Deadline deadline, RequestScope outer) {
    this.deadline = deadline;
    this.outer = outer;
  }

  /** Opens a scope on this thread until {@link #close()}; a scope already open is restored then. */
  public static RequestScope open(Deadline deadline) {
    RequestScope scope = new RequestScope(deadline, CURRENT.get());
    CURRENT.set(scope);
    return scope;
  }

  /** The scope of the request answered on this thread, if any. */
  public static Optional<RequestScope> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /**
   * @throws DeadlineExceededException when the request answered on this thread is past its deadline
   */
  public static void checkDeadline() {
    RequestScope scope = CURRENT.get();
    if (scope != null) {
      scope.deadline.check();
    }
  }

  /** Marks the answer of the request on this thread as read (in part) from a lagging copy. */
  public static void markStale() {
    RequestScope scope = CURRENT.get();
    if (scope != null) {
      scope.stale = true;
    }
  }

  /** Whether the answer of the request on this thread was read (in part) from a lagging copy. */
  public static boolean servedStale() {
    RequestScope scope = CURRENT.get();
    return scope != null && scope.stale;
  }

  public Deadline deadline() {
    return deadline;
  }

  @Override
  public void close() {
    if (CURRENT.get() == this) {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }
}
