package dev.salespulse.web.http;

import io.javalin.Javalin;
import io.javalin.router.Endpoint;
import io.javalin.security.Roles;
import io.javalin.security.RouteRole;
import io.javalin.websocket.WsHandlerType;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One route the server answers: an HTTP method, a path template as registered ({@code
 * /api/v1/webhooks/{source}}) and the roles it is registered with ({@link Access.Role}). A
 * WebSocket endpoint is the GET its upgrade starts with. Filters (before/after handlers), static
 * files and error handlers are not routes.
 */
public record Route(String method, String path, Set<String> roles) {

  /** Every route of a started server, sorted by path then method. */
  static List<Route> of(Javalin app) {
    Stream<Route> http =
        app.unsafe.internalRouter.allHttpHandlers().stream()
            .map(parsed -> parsed.endpoint)
            .filter(endpoint -> endpoint.method.isHttpMethod())
            .map(endpoint -> new Route(endpoint.method.name(), endpoint.path, roles(endpoint)));
    Stream<Route> webSockets =
        app.unsafe.internalRouter.allWsHandlers().stream()
            .filter(entry -> entry.getType() == WsHandlerType.WEBSOCKET)
            .map(entry -> new Route("GET", entry.getPath(), names(entry.getRoles())));
    return Stream.concat(http, webSockets)
        .distinct()
        .sorted(Comparator.comparing(Route::path).thenComparing(Route::method))
        .toList();
  }

  private static Set<String> roles(Endpoint endpoint) {
    Roles roles = endpoint.metadata(Roles.class);
    return roles == null ? Set.of() : names(roles.getRoles());
  }

  private static Set<String> names(Set<RouteRole> roles) {
    Set<String> names = new TreeSet<>();
    roles.forEach(role -> names.add(role.toString()));
    return Set.copyOf(names);
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
