package dev.salespulse.web.cluster;

import dev.salespulse.streams.query.Partials;
import dev.salespulse.streams.query.PeriodRange;
import dev.salespulse.streams.stores.Retention;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code /internal/v1/partials/…}: this instance's own partial sums, for the other instances of the
 * cluster (never forwarded further, so requests cannot loop), each with the partitions it covers.
 */
public final class PartialsHandler {
  private static final int MAX_DAYS = (int) Retention.DAYS.toDays() + 1;
  private static final Instant EARLIEST = PeriodRange.EARLIEST;
  private static final Instant LATEST = PeriodRange.LATEST;
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
    ctx.json(coverage.covered(() -> local.minutes(scope(ctx), from(ctx), to(ctx))));
  }

  public void customers(Context ctx) {
    ctx.json(coverage.covered(() -> local.customers(scope(ctx), range(ctx))));
  }

  public void profileGross(Context ctx) {
    ctx.json(coverage.covered(() -> local.profileGross(scope(ctx), from(ctx), to(ctx))));
  }

  public void sumPerDay(Context ctx) {
    ctx.json(coverage.covered(() -> local.sumPerDay(scope(ctx), range(ctx))));
  }

  public void profile(Context ctx) {
    ctx.json(coverage.covered(() -> local.profile(scope(ctx), from(ctx), to(ctx))));
  }

  public void customersAll(Context ctx) {
    ctx.json(coverage.covered(() -> local.customersAll(scope(ctx), range(ctx))));
  }

  private static String scope(Context ctx) {
    String scope = ctx.queryParam("scope");
    if (scope == null) {
      throw new BadRequestResponse("missing query parameter 'scope'");
    }
    return scope;
  }

  /** A resolved period as another instance sends it: at most as many days as are kept. */
  private static PeriodRange range(Context ctx) {
    PeriodRange range;
    try {
      range = PartialsCodec.range(ctx::queryParam);
    } catch (RuntimeException e) {
      throw new BadRequestResponse("malformed period: " + e.getMessage());
    }
    if (range.days().size() > MAX_DAYS) {
      throw new BadRequestResponse("a period has at most " + MAX_DAYS + " days");
    }
    window(range.from(), range.to());
    return range;
  }

  private static Instant from(Context ctx) {
    Instant from = instant(ctx, "from");
    window(from, instant(ctx, "to"));
    return from;
  }

  private static Instant to(Context ctx) {
    Instant to = instant(ctx, "to");
    window(instant(ctx, "from"), to);
    return to;
  }

  /** Stores take instants in epoch milliseconds, and [from, to) must not be empty. */
  private static void window(Instant from, Instant to) {
    if (from.isBefore(EARLIEST) || to.isAfter(LATEST) || !from.isBefore(to)) {
      throw new BadRequestResponse(
          "'from' must be before 'to', both between " + EARLIEST + " and " + LATEST);
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
