package dev.salespulse.web.http;

import dev.salespulse.streams.query.KpiQueryService;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;

/** {@code GET /api/v1/kpis?scope=…&period=…}: the KPIs of one scope over one period. */
final class KpiHandler {
  private final KpiQueryService queries;

  KpiHandler(KpiQueryService queries) {
    this.queries = queries;
  }

  void kpis(Context ctx) {
    ctx.json(queries.kpis(required(ctx, "scope"), optional(ctx, "period", "today")));
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
}
