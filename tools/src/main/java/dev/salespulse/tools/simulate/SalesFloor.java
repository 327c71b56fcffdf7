package dev.salespulse.tools.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulated sales floor: reps spread round-robin over the five {@link Team#ALL teams}, each
 * with a name and a skill factor, and the customer accounts they own.
 *
 * <p>A rep's attributes depend only on the seed and the rep's number, never on how many reps there
 * are: {@code rep-7} is the same person on a floor of 10 and of 60. Skill is log-normal (median 1,
 * clamped to 0.25-4), so the best reps sell several times what the weakest do.
 *
 * <p>Customers {@code c-<n>} are split between reps: rep {@code i} (0-based) owns every {@code
 * c-<n>} with {@code (n - 1) % reps == i}, {@value #ACCOUNTS_PER_REP} accounts each. Draws favour
 * each rep's first accounts, so the same customers come back again and again.
 */
public final class SalesFloor {
  /** The seed {@link SalesFloorSimulator} uses, so the roster stays the same from run to run. */
  public static final long STANDARD_SEED = 2026L;

  static final int ACCOUNTS_PER_REP = 40;
  static final int MAX_REPS = 10_000;

  private final List<Rep> reps;
  private final WeightedChoice<Rep> bySkill;
  private final WeightedChoice<Rep> byWorkload;

  private SalesFloor(List<Rep> reps) {
    this.reps = List.copyOf(reps);
    this.bySkill = WeightedChoice.of(this.reps, Rep::skill);
    this.byWorkload = WeightedChoice.of(this.reps, rep -> Math.sqrt(rep.skill()));
  }

  /** A floor of {@code reps} reps (1 to 10,000), the same for the same arguments. */
  public static SalesFloor generate(int reps, long seed) {
    if (reps < 1 || reps > MAX_REPS) {
      throw new IllegalArgumentException("reps must be 1-" + MAX_REPS + ", was " + reps);
    }
    Names names = new Names(seed);
    List<Rep> roster = new ArrayList<>(reps);
    for (int i = 0; i < reps; i++) {
      Team team = Team.ALL.get(i % Team.ALL.size());
      SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
      double skill = Math.min(4, Math.max(0.25, Math.exp(0.6 * random.nextGaussian())));
      roster.add(new Rep("rep-" + (i + 1), names.forIndex(i), team.teamId(), team.region(), skill));
    }
    return new SalesFloor(roster);
  }

  public List<Rep> reps() {
    return reps;
  }

  /** The teams at least one rep belongs to. */
  public List<Team> teams() {
    return Team.ALL.subList(0, Math.min(reps.size(), Team.ALL.size()));
  }

  /** A rep closing business: skilled reps are drawn proportionally more often. */
  Rep pickSeller(SplittableRandom random) {
    return bySkill.pick(random);
  }

  /** A rep doing prospecting work: skill matters, but less than for closing. */
  Rep pickWorker(SplittableRandom random) {
    return byWorkload.pick(random);
  }

  /** One of {@code rep}'s accounts, skewed towards the rep's regular customers. */
  String pickCustomerOf(Rep rep, SplittableRandom random) {
    int index = Integer.parseInt(rep.repId().substring("rep-".length())) - 1;
    double u = random.nextDouble();
    int account = (int) (ACCOUNTS_PER_REP * u * u);
    return "c-" + (index + 1 + (long) reps.size() * account);
  }
}
