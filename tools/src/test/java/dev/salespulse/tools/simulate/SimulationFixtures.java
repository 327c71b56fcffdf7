package dev.salespulse.tools.simulate;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Shared fixtures: a small floor in Berlin and a week of its events. */
final class SimulationFixtures {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
  static final long SEED = 42;
  static final int REPS = 12;

  private SimulationFixtures() {}

  static EventGenerator generator(long seed) {
    return new EventGenerator(SalesFloor.generate(REPS, 7), BERLIN, seed);
  }

  /** Seven days from {@link #MONDAY}, 3,000 events a day. */
  static List<SimulatedRecord> week(EventGenerator generator) {
    List<SimulatedRecord> records = new ArrayList<>();
    for (int day = 0; day < 7; day++) {
      records.addAll(generator.day(MONDAY.plusDays(day), 3_000));
    }
    return records;
  }
}
