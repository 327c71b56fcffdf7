package dev.salespulse.tools.simulate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

/**
 * Makes plausible activities: calls connect about a quarter of the time (skilled reps a little more
 * often) and last minutes when they do, seconds when they do not; meetings and demos last 30-90
 * minutes; deals are won more often by skilled reps and are worth about 2k-60k of pipeline.
 */
final class ActivityFactory {
  private static final int[] MEETING_MINUTES = {30, 45, 60};

  private final SalesFloor floor;
  private final SplittableRandom random;

  ActivityFactory(SalesFloor floor, SplittableRandom random) {
    this.floor = floor;
    this.random = random;
  }

  /** An activity of {@code kind}, which must not be an order kind. */
  Activity create(EventKind kind) {
    return create(
        kind, kind == EventKind.DEAL ? floor.pickSeller(random) : floor.pickWorker(random));
  }

  /** An activity of {@code kind} (not an order kind) by {@code rep}. */
  Activity create(EventKind kind, Rep rep) {
    String customer = floor.pickCustomerOf(rep, random);
    String repId = rep.repId();
    return switch (kind) {
      case CALL -> call(rep, customer);
      case EMAIL -> new Activity("EMAIL", repId, customer, null, null, null);
      case MEETING ->
          new Activity(
              "MEETING",
              repId,
              customer,
              null,
              60 * MEETING_MINUTES[random.nextInt(MEETING_MINUTES.length)],
              null);
      case DEMO ->
          new Activity("DEMO", repId, customer, null, 1800 + 300 * random.nextInt(13), null);
      case LEAD_CREATED -> new Activity("LEAD_CREATED", repId, customer, null, null, null);
      case DEAL -> deal(rep, customer);
      default -> throw new IllegalArgumentException("not an activity: " + kind);
    };
  }

  private Activity call(Rep rep, String customer) {
    double connectChance = clamp(0.18 + 0.08 * rep.skill(), 0.12, 0.45);
    double u = random.nextDouble();
    if (u < connectChance) {
      int seconds = (int) clamp(logNormal(240, 0.7), 30, 3600);
      return new Activity("CALL", rep.repId(), customer, "CONNECTED", seconds, null);
    }
    boolean voicemail = random.nextDouble() < 0.3;
    int seconds = voicemail ? 25 + random.nextInt(96) : 10 + random.nextInt(36);
    String outcome = voicemail ? "VOICEMAIL" : "NO_ANSWER";
    return new Activity("CALL", rep.repId(), customer, outcome, seconds, null);
  }

  private Activity deal(Rep rep, String customer) {
    return deal(rep, customer, random.nextDouble() < clamp(0.25 + 0.15 * rep.skill(), 0.15, 0.8));
  }

  /** A deal of one of {@code rep}'s accounts, won or lost as told. */
  Activity deal(Rep rep, boolean won) {
    return deal(rep, floor.pickCustomerOf(rep, random), won);
  }

  private Activity deal(Rep rep, String customer, boolean won) {
    BigDecimal value =
        BigDecimal.valueOf(clamp(logNormal(9_000, 0.8), 500, 250_000))
            .setScale(2, RoundingMode.HALF_EVEN);
    return new Activity(won ? "DEAL_WON" : "DEAL_LOST", rep.repId(), customer, null, null, value);
  }

  private double logNormal(double median, double sigma) {
    return median * Math.exp(sigma * random.nextGaussian());
  }

  private static double clamp(double value, double min, double max) {
    return Math.max(min, Math.min(max, value));
  }
}
