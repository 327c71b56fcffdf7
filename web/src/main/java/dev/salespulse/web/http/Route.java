package dev.salespulse.web.http;

import io.javalin.Javalin;
import io.javalin.websocket.WsHandlerType;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One route the server answers: an HTTP method and a path template as registered ({@code
 * /api/v1/webhooks/{source}}). A WebSocket endpoint is the GET its upgrade starts with. Filters
 * (before/after handlers), static files and error handlers are not routes.
 */
public record Route(String method, String path) {

  /** Every route of a started server, sorted by path then method. */
  static List<Route> of(Javalin app) {
    Stream<Route> http =
        app.unsafe.internalRouter.allHttpHandlers().stream()
            .map(parsed -> parsed.endpoint)
            .filter(endpoint -> endpoint.method.isHttpMethod())
            .map(endpoint -> new Route(endpoint.method.name(), endpoint.path));
    Stream<Route> webSockets =
        app.unsafe.internalRouter.allWsHandlers().stream()
            .filter(entry -> entry.getType() == WsHandlerType.WEBSOCKET)
            .map(entry -> new Route("GET", entry.getPath()));
    return Stream.concat(http, webSockets)
        .distinct()
        .sorted(Comparator.comparing(Route::path).thenComparing(Route::method))
        .toList();
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
