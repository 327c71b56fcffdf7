package dev.salespulse.streams.config;

/**
 * The simulated sales floor of {@code salespulse demo}.
 *
 * @param rate {@code SALESPULSE_SIM_RATE}: checked but not used (the demo's floor runs by per-rep
 *     rates); kept so that settings which give it still start
 * @param reps {@code SALESPULSE_SIM_REPS} on the floor
 */
public record SimulatorConfig(double rate, int reps) {

  static SimulatorConfig from(Settings settings) {
    return new SimulatorConfig(
        settings.value(
            ConfigKey.SIM_RATE, "a positive number of events a second", SimulatorConfig::rate),
        settings.intIn(ConfigKey.SIM_REPS, 1, 10_000));
  }

  private static double rate(String text) {
    double rate = Double.parseDouble(text);
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("not positive");
    }
    return rate;
  }
}
