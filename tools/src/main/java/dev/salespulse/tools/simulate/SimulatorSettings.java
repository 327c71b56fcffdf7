package dev.salespulse.tools.simulate;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How {@link SalesFloorSimulator} runs.
 *
 * @param rate events a second at the busiest time of a business day; the simulator never goes below
 *     a tenth of it, so a dashboard always moves
 * @param reps how many reps the floor has (1 to 10,000)
 * @param zone the business time zone whose working hours shape the activity
 * @param seed seeds the events (ids, kinds, amounts); the roster does not depend on it, see {@link
 *     SalesFloor#STANDARD_SEED}
 * @param clock gives every event its {@code occurredAt}
 */
public record SimulatorSettings(double rate, int reps, ZoneId zone, long seed, Clock clock) {

  public SimulatorSettings {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("rate must be a positive number of events/s, was " + rate);
    }
    if (reps < 1 || reps > SalesFloor.MAX_REPS) {
      throw new IllegalArgumentException("reps must be 1-" + SalesFloor.MAX_REPS + ", was " + reps);
    }
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * 50 events/s at peak, 60 reps, UTC, the system clock, and a seed taken from that clock so each
   * run has fresh event ids (a rerun with a fixed seed would be deduplicated away).
   */
  public static SimulatorSettings defaults() {
    Clock clock = Clock.systemUTC();
    return new SimulatorSettings(50, 60, ZoneOffset.UTC, clock.millis(), clock);
  }
}
