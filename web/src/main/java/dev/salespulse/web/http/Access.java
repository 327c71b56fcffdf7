package dev.salespulse.web.http;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.security.RouteRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call a route, by the role it is registered with: a token per role ({@code Authorization:
 * Bearer <token>}; the viewer's also as {@code ?token=}, where a browser cannot set headers),
 * compared in constant time. 401 without a valid credential, 403 with another role's.
 *
 * <ul>
 *   <li>{@link Role#VIEWER}: the read API and the live feed; open to all while {@code
 *       SALESPULSE_VIEWER_TOKEN} is unset.
 *   <li>{@link Role#INGEST}: the write routes; refused (403) while {@code SALESPULSE_INGEST_TOKEN}
 *       is unset, so that a service nobody configured for writes takes none.
 *   <li>{@link Role#CLUSTER}: the calls between instances ({@code /internal}), which answer the
 *       same figures the read API does. With {@code SALESPULSE_CLUSTER_TOKEN} unset they are
 *       exactly as open as the read API: open while no viewer token is set either (several
 *       instances with no tokens at all work together), refused (403) once one is, so that they
 *       never become the way around the viewer token. The viewer token never opens them.
 *   <li>{@link Role#METRICS}: {@code /metrics}; open while {@code SALESPULSE_METRICS_TOKEN} is
 *       unset (a Prometheus needs no setup), else only with that token.
 *   <li>{@link Role#SIGNED}: the webhooks, whose handler checks each sender's signature itself.
 *   <li>{@link Role#PUBLIC}: health and the API description, which carry no figures.
 * </ul>
 */
public final class Access {
  private static final String BEARER = "Bearer ";

  /** The roles a route can require. */
  public enum Role implements RouteRole {
    VIEWER("the viewer token", "read"),
    INGEST("the ingest token", "write"),
    CLUSTER("the cluster token", "call the internal routes"),
    METRICS("the metrics token", "scrape /metrics"),
    SIGNED("a sender's signature", "send webhooks"),
    PUBLIC("no credential", "");

    private final String credential;
    private final String grants;

    Role(String credential, String grants) {
      this.credential = credential;
      this.grants = grants;
    }
  }

  /** The token of each role that has one; a role missing here has none set. */
  private final Map<Role, byte[]> tokens = new EnumMap<>(Role.class);

  private final List<String> allowedOrigins;

  public Access(Optional<String> viewerToken, Optional<String> ingestToken) {
    this(viewerToken, ingestToken, Optional.empty(), Optional.empty(), List.of());
  }

  /**
   * @param allowedOrigins web origins besides the service's own whose pages may open the live feed
   */
  public Access(
      Optional<String> viewerToken,
      Optional<String> ingestToken,
      Optional<String> clusterToken,
      Optional<String> metricsToken,
      List<String> allowedOrigins) {
    viewerToken.ifPresent(t -> tokens.put(Role.VIEWER, bytes(t)));
    ingestToken.ifPresent(t -> tokens.put(Role.INGEST, bytes(t)));
    clusterToken.ifPresent(t -> tokens.put(Role.CLUSTER, bytes(t)));
    metricsToken.ifPresent(t -> tokens.put(Role.METRICS, bytes(t)));
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
    for (Role role : List.of(Role.INGEST, Role.CLUSTER, Role.METRICS, Role.VIEWER)) {
      if (roles.contains(role)) {
        require(role, ctx);
        return;
      }
    }
  }

  /** 401 or 403 unless the request carries the credential {@code role} needs here. */
  void require(Role role, Context ctx) {
    if (!tokens.containsKey(role)) {
      requireWithoutToken(role);
      return;
    }
    // Only the viewer's token may travel in the address (a wallboard's URL, a browser's socket):
    // one in a URL ends up in proxy logs and Referer headers, and the other roles are programs,
    // which can set headers.
    byte[] given = role == Role.VIEWER ? credential(ctx) : bearer(ctx);
    if (matches(tokens.get(role), given)) {
      return;
    }
    Optional<Role> other = roleOf(credential(ctx));
    if (other.isPresent() && other.get() != role) {
      throw new ForbiddenResponse(
          other.get().credential
              + " cannot "
              + role.grants
              + "; use "
              + role.credential
              + " ("
              + settingOf(role)
              + ")");
    }
    throw new UnauthorizedResponse(
        "a valid "
            + role.credential.substring("the ".length())
            + " is required as Authorization: Bearer"
            + (role == Role.VIEWER ? " (or ?token=)" : " (not in the URL)"));
  }

  /** What a role's routes do while its token is unset. */
  private void requireWithoutToken(Role role) {
    switch (role) {
      case INGEST ->
          throw new ForbiddenResponse(
              "HTTP ingest is off: set SALESPULSE_INGEST_TOKEN and send it as Authorization:"
                  + " Bearer");
      case CLUSTER -> {
        if (tokens.containsKey(Role.VIEWER)) {
          throw new ForbiddenResponse(
              "the calls between instances are off: with SALESPULSE_VIEWER_TOKEN set, every"
                  + " instance needs the same SALESPULSE_CLUSTER_TOKEN");
        }
      }
      default -> {
        // The viewer's and the metrics' routes are open while their token is unset.
      }
    }
  }

  /** Whether a write credential was given and is the ingest token (for webhooks without HMAC). */
  public boolean isIngest(Context ctx) {
    return matches(tokens.get(Role.INGEST), credential(ctx));
  }

  private Optional<Role> roleOf(byte[] given) {
    return tokens.entrySet().stream()
        .filter(entry -> matches(entry.getValue(), given))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  private static String settingOf(Role role) {
    return "SALESPULSE_" + role.name() + "_TOKEN";
  }

  private static byte[] bearer(Context ctx) {
    String header = ctx.header("Authorization");
    return header != null && header.startsWith(BEARER)
        ? bytes(header.substring(BEARER.length()))
        : null;
  }

  private static byte[] credential(Context ctx) {
    String header = ctx.header("Authorization");
    String given =
        header != null && header.startsWith(BEARER)
            ? header.substring(BEARER.length())
            : ctx.queryParam("token");
    return given == null ? null : bytes(given);
  }

  private static byte[] bytes(String token) {
    return token.getBytes(StandardCharsets.UTF_8);
  }

  private static boolean matches(byte[] token, byte[] given) {
    return given != null && token != null && MessageDigest.isEqual(token, given);
  }
}
