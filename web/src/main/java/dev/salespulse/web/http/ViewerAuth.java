package dev.salespulse.web.http;

import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The optional viewer token ({@code SALESPULSE_VIEWER_TOKEN}): when set, /api and /ws calls need
 * {@code Authorization: Bearer <token>}, or {@code ?token=} where a browser cannot set headers
 * (WebSocket). Compared in constant time.
 */
final class ViewerAuth {
  private static final String BEARER = "Bearer ";
  private final Optional<byte[]> token;

  ViewerAuth(Optional<String> token) {
    this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
  }

  void check(Context ctx) {
    if (token.isEmpty()) {
      return;
    }
    String header = ctx.header("Authorization");
    String given =
        header != null && header.startsWith(BEARER)
            ? header.substring(BEARER.length())
            : ctx.queryParam("token");
    if (given == null
        || !MessageDigest.isEqual(token.get(), given.getBytes(StandardCharsets.UTF_8))) {
      throw new UnauthorizedResponse("a valid viewer token is required (Authorization: Bearer)");
    }
  }
}
