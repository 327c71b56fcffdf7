package dev.salespulse.web.http;

import static dev.salespulse.web.http.Access.Role.CLUSTER;
import static dev.salespulse.web.http.Access.Role.INGEST;
import static dev.salespulse.web.http.Access.Role.METRICS;
import static dev.salespulse.web.http.Access.Role.PUBLIC;
import static dev.salespulse.web.http.Access.Role.SIGNED;
import static dev.salespulse.web.http.Access.Role.VIEWER;

import dev.salespulse.streams.query.DeadlineExceededException;
import dev.salespulse.streams.query.Queries;
import dev.salespulse.streams.query.QueryTooCostlyException;
import dev.salespulse.streams.query.StoresUnavailableException;
import dev.salespulse.web.cluster.PartialsHandler;
import dev.salespulse.web.feed.FeedBoard;
import dev.salespulse.web.ingest.EventSink;
import dev.salespulse.web.ingest.ReferenceKind;
import dev.salespulse.web.json.Json;
import dev.salespulse.web.live.LiveFeed;
import dev.salespulse.web.metrics.ServiceMetrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP surface of SalesPulse in one place: it reads as the table of contents of the API
 * (contract, "HTTP and WebSocket"). Handlers are thin; errors are JSON with a 4xx for bad requests,
 * 503 with Retry-After while stores are not queryable or once a read request is past its deadline
 * ({@link RequestDeadlines}), and never a stack trace.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private final Javalin app;

  private ApiServer(Javalin app) {
    this.app = app;
  }

  public static ApiServer start(
      int port,
      Access access,
      Queries queries,
      EventSink ingest,
      Handler webhooks,
      PartialsHandler partials,
      FeedHandlerSettings feedSettings,
      LiveFeed liveFeed,
      Supplier<KafkaStreams.State> streamsState,
      Supplier<Optional<Instant>> brokersUnreachableSince,
      ServiceMetrics metrics,
      Duration requestTimeout,
      int maxConnections) {
    RequestDeadlines deadlines = new RequestDeadlines(requestTimeout);
    IngestHandler writes = new IngestHandler(ingest);
    KpiHandler kpis = new KpiHandler(queries, liveFeed.answers());
    FeedHandler feed =
        new FeedHandler(feedSettings.board(), feedSettings.largeDeal(), feedSettings.currency());
    HealthHandler health = new HealthHandler(streamsState, brokersUnreachableSince);
    ApiDocs docs = new ApiDocs();

    Javalin app =
        Javalin.create(
            config -> {
              config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
              config.staticFiles.add("/public", Location.CLASSPATH);
              // uPlot for the wallboard's chart: /webjars/uplot/<version>/dist/…, from the jar.
              config.staticFiles.enableWebjars();
              config.startup.showJavalinBanner = false;
              // A route asked with another method: 405 with the methods it takes, not 404.
              config.http.prefer405over404 = true;
              config.jetty.modifyServer(
                  server -> {
                    server.setErrorHandler(new JsonErrorHandler());
                    ConnectionCap.apply(server, maxConnections);
                  });
              // Long enough for any valid query; longer ones get Jetty's 414/431, as JSON.
              config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(16 * 1024));
              SlowBodies.refuse(config);
              // A subscription is a few hundred bytes: refuse huge frames, bound what queues.
              config.jetty.modifyWebSocketServletFactory(
                  ws -> {
                    ws.setMaxTextMessageSize(64 * 1024);
                    ws.setMaxBinaryMessageSize(1024);
                    ws.setMaxOutgoingFrames(64);
                    ws.setIdleTimeout(Duration.ofSeconds(60));
                  });
              config.requestLogger.http(
                  (ctx, ms) ->
                      metrics.recordRequest(
                          ctx.method().name(),
                          routeOf(ctx),
                          ctx.statusCode(),
                          Duration.ofNanos((long) (ms * 1_000_000))));

              config.routes.beforeMatched(deadlines::open);
              config.routes.afterMatched(deadlines::close);
              config.routes.beforeMatched(access::check);
              config.routes.get("/api/v1/kpis", kpis::kpis, VIEWER);
              config.routes.get("/api/v1/leaderboard", kpis::leaderboard, VIEWER);
              config.routes.get("/api/v1/timeseries", kpis::timeseries, VIEWER);
              config.routes.get("/api/v1/table", kpis::table, VIEWER);
              config.routes.get("/api/v1/scopes", kpis::scopes, VIEWER);
              config.routes.get("/api/v1/feed", feed::feed, VIEWER);

              config.routes.post("/api/v1/events", writes::events, INGEST);
              config.routes.post("/api/v1/webhooks/{source}", webhooks, SIGNED);
              config.routes.put("/api/v1/reps", writes.reference(ReferenceKind.REPS), INGEST);
              config.routes.put("/api/v1/targets", writes.reference(ReferenceKind.TARGETS), INGEST);
              config.routes.put(
                  "/api/v1/fx-rates", writes.reference(ReferenceKind.FX_RATES), INGEST);

              config.routes.get("/internal/v1/partials/sum", partials::sum, CLUSTER);
              config.routes.get("/internal/v1/partials/sumAll", partials::sumAll, CLUSTER);
              config.routes.get("/internal/v1/partials/minutes", partials::minutes, CLUSTER);
              config.routes.get("/internal/v1/partials/customers", partials::customers, CLUSTER);
              config.routes.get(
                  "/internal/v1/partials/profileGross", partials::profileGross, CLUSTER);
              config.routes.get("/internal/v1/partials/sumPerDay", partials::sumPerDay, CLUSTER);
              config.routes.get("/internal/v1/partials/profile", partials::profile, CLUSTER);
              config.routes.get(
                  "/internal/v1/partials/customersAll", partials::customersAll, CLUSTER);

              config.routes.wsBeforeUpgrade(
                  "/ws/*",
                  ctx -> {
                    access.requireAllowedOrigin(ctx);
                    access.require(VIEWER, ctx);
                  });
              config.routes.ws("/ws/live", liveFeed::configure, VIEWER);

              config.routes.get("/health/live", health::live, PUBLIC);
              config.routes.get("/health/ready", health::ready, PUBLIC);
              config.routes.get(
                  "/metrics",
                  ctx -> ctx.contentType(ServiceMetrics.CONTENT_TYPE).result(metrics.scrape()),
                  METRICS);
              config.routes.get(ApiDocs.DESCRIPTION_PATH, docs::description, PUBLIC);
              config.routes.get(ApiDocs.PAGE_PATH, docs::page, PUBLIC);

              config.routes.exception(HttpResponseException.class, ApiServer::httpError);
              config.routes.exception(IllegalArgumentException.class, ApiServer::badRequest);
              config.routes.exception(QueryTooCostlyException.class, ApiServer::tooCostly);
              config.routes.exception(DeadlineExceededException.class, ApiServer::deadlineExceeded);
              config.routes.exception(StoresUnavailableException.class, ApiServer::unavailable);
              config.routes.exception(InvalidStateStoreException.class, ApiServer::unavailable);
              config.routes.exception(Exception.class, ApiServer::internalError);
              config.routes.error(404, ApiServer::notFound);
            });
    app.start(port);
    LOG.info("HTTP API listening on port {}", app.port());
    return new ApiServer(app);
  }

  /** What {@code /api/v1/feed} answers from: the board, the large-deal threshold, the currency. */
  public record FeedHandlerSettings(FeedBoard board, BigDecimal largeDeal, String currency) {}

  public int port() {
    return app.port();
  }

  /** Every route registered, which the API description must list (and nothing else). */
  public List<Route> routes() {
    return Route.of(app);
  }

  private static String routeOf(Context ctx) {
    if (ctx.statusCode() == 404 || ctx.statusCode() == 405) {
      return "unmatched";
    }
    try {
      // The route matched, not the last handler run (the after-handler closing the deadline's
      // scope).
      return ctx.endpoints().matchedHttpEndpoint().path;
    } catch (RuntimeException e) {
      return "static";
    }
  }

  private static void httpError(HttpResponseException e, Context ctx) {
    String code =
        switch (e.getStatus()) {
          case 400 -> "bad-request";
          case 401 -> "unauthorized";
          case 403 -> "forbidden";
          case 404 -> "not-found";
          case 405 -> "method-not-allowed";
          case 413 -> "payload-too-large";
          case 415 -> "unsupported-media-type";
          case 503 -> "unavailable";
          default -> "http-" + e.getStatus();
        };
    // Javalin's one detail of a 405: the methods the path takes ("GET, HEAD").
    String allowed = e.getDetails().values().stream().findFirst().orElse(null);
    if (e.getStatus() == HttpStatus.METHOD_NOT_ALLOWED.getCode() && allowed != null) {
      ctx.header(Header.ALLOW, allowed);
      ctx.status(e.getStatus())
          .json(
              new ApiError(
                  code,
                  brief(ctx.req().getMethod())
                      + " is not allowed on "
                      + ctx.path()
                      + "; use "
                      + allowed));
      return;
    }
    ctx.status(e.getStatus()).json(new ApiError(code, e.getMessage()));
  }

  /**
   * A client's own token (a made-up method, a content coding) as a detail quotes it: at most 32
   * characters.
   */
  static String brief(String token) {
    return token.length() <= 32 ? token : token.substring(0, 32) + "…";
  }

  private static void badRequest(IllegalArgumentException e, Context ctx) {
    ctx.status(HttpStatus.BAD_REQUEST).json(new ApiError("bad-request", e.getMessage()));
  }

  /** A query above the cost limit: the message names its cost, the limit and what to change. */
  private static void tooCostly(QueryTooCostlyException e, Context ctx) {
    ctx.status(HttpStatus.BAD_REQUEST).json(new ApiError("query-too-costly", e.getMessage()));
  }

  /** Stores not queryable yet (starting, restoring, rebalancing): retry shortly. */
  private static void unavailable(RuntimeException e, Context ctx) {
    ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", "2")
        .json(new ApiError("unavailable", "state stores are not queryable yet: " + e.getMessage()));
  }

  /** The request's deadline passed before it was answered: retry shortly. */
  private static void deadlineExceeded(DeadlineExceededException e, Context ctx) {
    ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", "1")
        .json(new ApiError("deadline-exceeded", e.getMessage()));
  }

  private static void internalError(Exception e, Context ctx) {
    LOG.error("Unexpected error answering {} {}", ctx.method(), ctx.path(), e);
    ctx.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .json(new ApiError("internal-error", "the server failed; see its log"));
  }

  /** No route matched; a route's own 404 (an unknown webhook source) keeps its answer. */
  private static void notFound(Context ctx) {
    if (ctx.path().startsWith("/api/") && ctx.result() == null) {
      ctx.json(new ApiError("not-found", "no such endpoint: " + ctx.path()));
    }
  }

  @Override
  public void close() {
    app.stop();
  }
}
