package dev.salespulse.web.http;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The read API over the KPI stores: {@code /api/v1/kpis}, {@code /leaderboard}, {@code /timeseries}
 * and {@code /scopes}. Each handler only reads and checks parameters; the query services answer,
 * and an {@link IllegalArgumentException} of theirs becomes a 400.
 */
final class KpiHandler {
  private static final int DEFAULT_LIMIT = 10;
  private final Queries queries;

  KpiHandler(Queries queries) {
    this.queries = queries;
  }

  void kpis(Context ctx) {
    ctx.json(
        queries
            .kpis()
            .kpis(
                required(ctx, "scope"),
                optional(ctx, "period", "today"),
                ctx.queryParam("from"),
                ctx.queryParam("to")));
  }

  void leaderboard(Context ctx) {
    ctx.json(
        queries
            .leaderboard()
            .leaderboard(
                optional(ctx, "dimension", "rep"),
                optional(ctx, "metric", "revenue"),
                optional(ctx, "period", "today"),
                integer(ctx, "limit", DEFAULT_LIMIT),
                ctx.queryParam("from"),
                ctx.queryParam("to")));
  }

  void timeseries(Context ctx) {
    ctx.json(
        queries
            .timeseries()
            .timeseries(
                required(ctx, "scope"),
                optional(ctx, "metric", "revenue"),
                optional(ctx, "period", "today"),
                optional(ctx, "step", "15m"),
                ctx.queryParam("from"),
                ctx.queryParam("to")));
  }

  void scopes(Context ctx) {
    String dimension = required(ctx, "dimension");
    ctx.json(Map.of("dimension", dimension, "scopes", queries.scopes().scopes(dimension)));
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
