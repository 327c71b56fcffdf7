package dev.salespulse.web.http;

import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.http.BadMessageException;

/**
 * Request bodies must arrive at {@link #MIN_BYTES_PER_SECOND} at least, counted from their first
 * byte: a body read blocks one of the server's threads, and the write routes and the webhook route
 * (open to anyone) read theirs before they can check it, so a few hundred senders trickling bytes
 * would otherwise hold every thread, {@code /health/live} included, for as long as they like. Jetty
 * cuts a slower body off with its 408, answered here as JSON. Any real network sends far faster;
 * only a sender that stalls for seconds after its first bytes is refused.
 */
final class SlowBodies {
  static final long MIN_BYTES_PER_SECOND = 1024;

  private SlowBodies() {}

  static void refuse(JavalinConfig config) {
    config.jetty.modifyHttpConfiguration(http -> http.setMinRequestDataRate(MIN_BYTES_PER_SECOND));
    config.routes.exception(
        BadMessageException.class,
        (e, ctx) ->
            ctx.status(e.getCode())
                .json(
                    new ApiError(
                        e.getCode() == 408 ? "request-timeout" : "bad-request",
                        e.getReason() == null ? "the request could not be read" : e.getReason())));
  }
}
