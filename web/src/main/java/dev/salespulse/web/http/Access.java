package dev.salespulse.web.http;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.security.RouteRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call a route, by the role it is registered with: a token per role ({@code Authorization:
 * Bearer <token>}, or {@code ?token=} where a browser cannot set headers), compared in constant
 * time. 401 without a valid credential, 403 with another role's.
 *
 * <ul>
 *   <li>{@link Role#VIEWER}: the read API and the live feed; open to all while {@code
 *       SALESPULSE_VIEWER_TOKEN} is unset.
 *   <li>{@link Role#INGEST}: the write routes; refused (403) while {@code SALESPULSE_INGEST_TOKEN}
 *       is unset, so that a service nobody configured for writes takes none.
 *   <li>{@link Role#PUBLIC}: health, metrics and the API description; and the webhooks, which check
 *       their senders' signatures themselves.
 * </ul>
 */
public final class Access {
  private static final String BEARER = "Bearer ";

  /** The roles a route can require. */
  public enum Role implements RouteRole {
    VIEWER,
    INGEST,
    PUBLIC
  }

  private final Optional<byte[]> viewer;
  private final Optional<byte[]> ingest;

  public Access(Optional<String> viewerToken, Optional<String> ingestToken) {
    this.viewer = viewerToken.map(t -> t.getBytes(StandardCharsets.UTF_8));
    this.ingest = ingestToken.map(t -> t.getBytes(StandardCharsets.UTF_8));
  }

  /** Before every matched route: the credential its role requires. */
  void check(Context ctx) {
    Set<RouteRole> roles = ctx.routeRoles();
    if (roles.contains(Role.INGEST)) {
      requireIngest(ctx);
    } else if (roles.contains(Role.VIEWER)) {
      requireViewer(ctx);
    }
  }

  void requireViewer(Context ctx) {
    if (viewer.isEmpty()) {
      return;
    }
    byte[] given = credential(ctx);
    if (matches(viewer, given)) {
      return;
    }
    if (matches(ingest, given)) {
      throw new ForbiddenResponse("the ingest token cannot read; use the viewer token");
    }
    throw new UnauthorizedResponse("a valid viewer token is required (Authorization: Bearer)");
  }

  /** Whether a write credential was given and is the ingest token (for webhooks without HMAC). */
  public boolean isIngest(Context ctx) {
    return matches(ingest, credential(ctx));
  }

  void requireIngest(Context ctx) {
    if (ingest.isEmpty()) {
      throw new ForbiddenResponse(
          "HTTP ingest is off: set SALESPULSE_INGEST_TOKEN and send it as Authorization: Bearer");
    }
    // Header only: a token in a URL ends up in proxy logs and Referer headers, and the write
    // routes are called by programs, which can set headers.
    byte[] given = bearer(ctx);
    if (matches(ingest, given)) {
      return;
    }
    if (matches(viewer, given) || matches(viewer, credential(ctx))) {
      throw new ForbiddenResponse("the viewer token cannot write; use the ingest token");
    }
    throw new UnauthorizedResponse(
        "a valid ingest token is required as Authorization: Bearer (not in the URL)");
  }

  private static byte[] bearer(Context ctx) {
    String header = ctx.header("Authorization");
    return header != null && header.startsWith(BEARER)
        ? header.substring(BEARER.length()).getBytes(StandardCharsets.UTF_8)
        : null;
  }

  private static byte[] credential(Context ctx) {
    String header = ctx.header("Authorization");
    String given =
        header != null && header.startsWith(BEARER)
            ? header.substring(BEARER.length())
            : ctx.queryParam("token");
    return given == null ? null : given.getBytes(StandardCharsets.UTF_8);
  }

  private static boolean matches(Optional<byte[]> token, byte[] given) {
    return given != null && token.isPresent() && MessageDigest.isEqual(token.get(), given);
  }
}
