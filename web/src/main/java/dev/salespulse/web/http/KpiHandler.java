package dev.salespulse.web.http;

import dev.salespulse.streams.query.KpiAnswer;
import dev.salespulse.streams.query.LeaderboardAnswer;
import dev.salespulse.streams.query.Queries;
import dev.salespulse.streams.query.TableAnswer;
import dev.salespulse.streams.query.TimeseriesAnswer;
import dev.salespulse.web.live.LiveAnswers;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Function;

/**
 * The read API over the KPI stores: {@code /api/v1/kpis}, {@code /leaderboard}, {@code
 * /timeseries}, {@code /table} and {@code /scopes}. Each handler only reads and checks parameters;
 * the query services answer (kpis and leaderboard through the answers shared within a tick), and an
 * {@link IllegalArgumentException} of theirs becomes a 400, a query above the cost limit a 400
 * {@code query-too-costly}. All but scopes answer JSON, or CSV with {@code format=csv} ({@link
 * CsvExport}).
 */
final class KpiHandler {
  private static final int DEFAULT_LIMIT = 10;
  private final Queries queries;
  private final LiveAnswers shared;

  /**
   * @param shared the answers of the current tick: kpis and leaderboard are asked there, so that
   *     every client asking the same question within a tick shares one query
   */
  KpiHandler(Queries queries, LiveAnswers shared) {
    this.queries = queries;
    this.shared = shared;
  }

  void kpis(Context ctx) {
    boolean csv = csv(ctx);
    KpiAnswer answer =
        shared.kpis(
            required(ctx, "scope"),
            optional(ctx, "period", "today"),
            ctx.queryParam("from"),
            ctx.queryParam("to"));
    respond(ctx, csv, answer, CsvExport::kpis);
  }

  void leaderboard(Context ctx) {
    boolean csv = csv(ctx);
    LeaderboardAnswer answer =
        shared.leaderboard(
            optional(ctx, "dimension", "rep"),
            optional(ctx, "metric", "revenue"),
            optional(ctx, "period", "today"),
            integer(ctx, "limit", DEFAULT_LIMIT),
            ctx.queryParam("from"),
            ctx.queryParam("to"));
    respond(ctx, csv, answer, CsvExport::leaderboard);
  }

  void timeseries(Context ctx) {
    boolean csv = csv(ctx);
    TimeseriesAnswer answer =
        queries
            .timeseries()
            .timeseries(
                required(ctx, "scope"),
                optional(ctx, "metric", "revenue"),
                optional(ctx, "period", "today"),
                optional(ctx, "step", "15m"),
                ctx.queryParam("from"),
                ctx.queryParam("to"));
    respond(ctx, csv, answer, CsvExport::timeseries);
  }

  /** The manager view's rep or team table: every scope of a dimension within a filter scope. */
  void table(Context ctx) {
    boolean csv = csv(ctx);
    TableAnswer answer =
        queries
            .table()
            .table(
                optional(ctx, "dimension", "rep"),
                optional(ctx, "scope", "company:all"),
                optional(ctx, "period", "today"),
                ctx.queryParam("from"),
                ctx.queryParam("to"));
    respond(ctx, csv, answer, CsvExport::table);
  }

  void scopes(Context ctx) {
    String dimension = required(ctx, "dimension");
    ctx.json(Map.of("dimension", dimension, "scopes", queries.scopes().scopes(dimension)));
  }

  /** Whether {@code format} asks for CSV; JSON without it. */
  private static boolean csv(Context ctx) {
    String format = optional(ctx, "format", "json");
    if (!format.equals("json") && !format.equals("csv")) {
      throw new BadRequestResponse("unknown format '" + format + "'; allowed formats: json, csv");
    }
    return format.equals("csv");
  }

  private static <T> void respond(
      Context ctx, boolean csv, T answer, Function<T, CsvExport.File> asCsv) {
    if (csv) {
      CsvExport.send(ctx, asCsv.apply(answer));
    } else {
      ctx.json(answer);
    }
  }

  static String required(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      throw new BadRequestResponse("missing query parameter '" + name + "'");
    }
    return value;
  }

  static String optional(Context ctx, String name, String fallback) {
    String value = ctx.queryParam(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static int integer(Context ctx, String name, int fallback) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new BadRequestResponse("'" + name + "' must be a whole number");
    }
  }
}
