package dev.salespulse.streams.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the process logs: {@code SALESPULSE_LOG_FORMAT} and {@code SALESPULSE_LOG_LEVEL}.
 *
 * @param format text lines or one JSON object a line; empty when the setting is not given, so a
 *     logback configuration of the operator's own keeps its encoders
 * @param levels logger name to level name (upper case), in the order given; a bare level in the
 *     setting is the level of {@link #OWN_LOGGERS}. Empty when the setting is not given: the levels
 *     of the logback configuration stay (the packaged one has {@code dev.salespulse} at {@code
 *     INFO}, the default the help and docs show).
 */
public record LoggingConfig(Optional<Format> format, Map<String, String> levels) {
  /** The parent of every SalesPulse logger. */
  public static final String OWN_LOGGERS = "dev.salespulse";

  private static final Set<String> LEVELS =
      Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  public LoggingConfig {
    levels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(levels));
  }

  /** Only what is given (and not blank): the rest stays as the logback configuration has it. */
  static LoggingConfig from(Settings settings) {
    String levels =
        "a level (TRACE, DEBUG, INFO, WARN, ERROR or OFF) and/or logger=LEVEL entries,"
            + " comma-separated, such as DEBUG or INFO,org.apache.kafka.clients=DEBUG";
    return new LoggingConfig(
        settings
            .given(ConfigKey.LOG_FORMAT)
            .map(text -> settings.value(ConfigKey.LOG_FORMAT, "text or json", Format::parse)),
        settings
            .given(ConfigKey.LOG_LEVEL)
            .map(text -> settings.value(ConfigKey.LOG_LEVEL, levels, LoggingConfig::levels))
            .orElse(Map.of()));
  }

  /** The format of log lines. */
  public enum Format {
    TEXT,
    JSON;

    static Format parse(String text) {
      return valueOf(text.toUpperCase(Locale.ROOT));
    }
  }

  /**
   * {@code LEVEL}, {@code logger=LEVEL} or both, comma-separated: {@code
   * INFO,org.apache.kafka.clients=DEBUG}. At most one bare level; a logger at most once.
   */
  static Map<String, String> levels(String text) {
    Map<String, String> levels = new LinkedHashMap<>();
    for (String entry : text.split(",", -1)) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty() && text.isBlank()) {
        continue;
      }
      int equals = trimmed.indexOf('=');
      String logger = equals < 0 ? OWN_LOGGERS : trimmed.substring(0, equals).trim();
      String level = level(equals < 0 ? trimmed : trimmed.substring(equals + 1));
      if (!logger.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")
          || levels.put(logger, level) != null) {
        throw new IllegalArgumentException("bad or repeated logger: " + entry);
      }
    }
    return levels;
  }

  private static String level(String text) {
    String level = text.trim().toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(level)) {
      throw new IllegalArgumentException("not a level: " + text);
    }
    return level;
  }
}
