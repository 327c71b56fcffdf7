package dev.salespulse.web.http;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.security.RouteRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
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

  private final List<String> allowedOrigins;

  public Access(Optional<String> viewerToken, Optional<String> ingestToken) {
    this(viewerToken, ingestToken, List.of());
  }

  /**
   * @param allowedOrigins web origins besides the service's own whose pages may open the live feed
   */
  public Access(
      Optional<String> viewerToken, Optional<String> ingestToken, List<String> allowedOrigins) {
    this.viewer = viewerToken.map(t -> t.getBytes(StandardCharsets.UTF_8));
    this.ingest = ingestToken.map(t -> t.getBytes(StandardCharsets.UTF_8));
    this.allowedOrigins = List.copyOf(allowedOrigins);
  }

  /**
   * Before a WebSocket upgrade: a browser says which page opens the socket ({@code Origin}), and a
   * page of another site must not read the live feed with the viewer's browser (the token may be in
   * the page's own URL or the socket needs none). The service's own origin and those of {@code
   * SALESPULSE_ALLOWED_ORIGINS} may; a client that is no browser sends no {@code Origin} and is
   * judged by its token alone.
   */
  void requireAllowedOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null) {
      return;
    }
    String normalized = origin.toLowerCase(Locale.ROOT);
    if (allowedOrigins.contains(normalized) || normalized.equals(ownOrigin(ctx))) {
      return;
    }
    throw new ForbiddenResponse(
        "pages of "
            + (origin.length() > 200 ? origin.substring(0, 200) + "…" : origin)
            + " may not open the live feed: only the service's own pages and those of"
            + " SALESPULSE_ALLOWED_ORIGINS");
  }

  /** The origin this request was sent to, as the browser saw it (behind a proxy, its host). */
  private static String ownOrigin(Context ctx) {
    String scheme = Optional.ofNullable(ctx.header("X-Forwarded-Proto")).orElse(ctx.scheme());
    String host = Optional.ofNullable(ctx.header("X-Forwarded-Host")).orElse(ctx.host());
    String origin = (scheme + "://" + host).toLowerCase(Locale.ROOT);
    // Browsers leave the default port out of an origin.
    if (origin.startsWith("http://") && origin.endsWith(":80")) {
      return origin.substring(0, origin.length() - 3);
    }
    if (origin.startsWith("https://") && origin.endsWith(":443")) {
      return origin.substring(0, origin.length() - 4);
    }
    return origin;
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
