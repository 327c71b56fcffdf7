package dev.salespulse.web.http;

import dev.salespulse.streams.query.Deadline;
import dev.salespulse.streams.query.RequestScope;
import dev.salespulse.web.cluster.ClusterPartials;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Duration;

/**
 * Gives every read request ({@code GET /api/…} and {@code /internal/…}) its deadline, {@code
 * SALESPULSE_REQUEST_TIMEOUT} from its arrival: a {@link RequestScope} opened before the handler
 * and closed after it, on the request's thread (Javalin runs its after-handlers when a handler
 * threw, too). A call from another instance says how long its asker has left ({@link
 * ClusterPartials#BUDGET_HEADER}) and gets no more than that. The write routes bound themselves (30
 * s for the whole request) and are left alone.
 */
final class RequestDeadlines {
  private static final String SCOPE = RequestDeadlines.class.getName();
  private final Duration timeout;

  RequestDeadlines(Duration timeout) {
    this.timeout = timeout;
  }

  void open(Context ctx) {
    if (!ctx.method().equals(HandlerType.GET)
        || !(ctx.path().startsWith("/api/") || ctx.path().startsWith("/internal/"))) {
      return;
    }
    Deadline deadline = Deadline.in(timeout);
    String budget = ctx.header(ClusterPartials.BUDGET_HEADER);
    if (budget != null) {
      try {
        deadline = deadline.atMost(Duration.ofMillis(Math.max(0, Long.parseLong(budget.trim()))));
      } catch (NumberFormatException e) {
        // Not from an instance of ours: the request keeps its own deadline.
      }
    }
    ctx.attribute(SCOPE, RequestScope.open(deadline));
  }

  void close(Context ctx) {
    RequestScope scope = ctx.attribute(SCOPE);
    if (scope != null) {
      scope.close();
    }
  }
}
