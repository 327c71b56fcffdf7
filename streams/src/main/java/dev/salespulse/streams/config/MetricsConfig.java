package dev.salespulse.streams.config;

import java.util.Locale;

/**
 * What {@code /metrics} carries.
 *
 * @param repLevel {@code SALESPULSE_METRICS_REP_LEVEL}: business gauges per rep too
 */
public record MetricsConfig(boolean repLevel) {

  static MetricsConfig from(Settings settings) {
    return new MetricsConfig(
        settings.value(ConfigKey.METRICS_REP_LEVEL, "true or false", MetricsConfig::bool));
  }

  private static boolean bool(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("not a boolean");
    };
  }
}
