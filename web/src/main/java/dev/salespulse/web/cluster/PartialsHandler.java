package dev.salespulse.web.cluster;

import dev.salespulse.streams.query.Partials;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code /internal/v1/partials/…}: this instance's own partial sums, for the other instances of the
 * cluster (never forwarded further, so requests cannot loop), each with the partitions it covers.
 */
public final class PartialsHandler {
  private final Partials local;
  private final PartitionCoverage coverage;

  public PartialsHandler(Partials local, PartitionCoverage coverage) {
    this.local = local;
    this.coverage = coverage;
  }

  public void sum(Context ctx) {
    ctx.json(coverage.covered(() -> local.sum(scope(ctx), range(ctx))));
  }

  public void sumAll(Context ctx) {
    ctx.json(coverage.covered(() -> local.sumAll(scope(ctx), range(ctx))));
  }

  public void minutes(Context ctx) {
    ctx.json(
        coverage.covered(
            () -> local.minutes(scope(ctx), instant(ctx, "from"), instant(ctx, "to"))));
  }

  public void customers(Context ctx) {
    ctx.json(coverage.covered(() -> local.customers(scope(ctx), range(ctx))));
  }

  public void profileGross(Context ctx) {
    ctx.json(
        coverage.covered(
            () -> local.profileGross(scope(ctx), instant(ctx, "from"), instant(ctx, "to"))));
  }

  private static String scope(Context ctx) {
    String scope = ctx.queryParam("scope");
    if (scope == null) {
      throw new BadRequestResponse("missing query parameter 'scope'");
    }
    return scope;
  }

  private static dev.salespulse.streams.query.PeriodRange range(Context ctx) {
    try {
      return PartialsCodec.range(ctx::queryParam);
    } catch (RuntimeException e) {
      throw new BadRequestResponse("malformed period: " + e.getMessage());
    }
  }

  private static Instant instant(Context ctx, String name) {
    try {
      return Instant.parse(String.valueOf(ctx.queryParam(name)));
    } catch (DateTimeParseException e) {
      throw new BadRequestResponse("'" + name + "' must be an instant");
    }
  }
}
