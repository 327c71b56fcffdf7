package dev.salespulse.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code SALESPULSE_LOG_FORMAT} and {@code SALESPULSE_LOG_LEVEL}: defaults, forms, refusals. */
class LoggingConfigTest {

  /**
   * The packaged logback.xml gives the defaults (text, INFO); a configuration of one's own stays.
   */
  @Test
  void changesNothingWhenNotGiven() {
    LoggingConfig logging = ConfigLoader.load(Map.of(), Map.of()).logging();

    assertThat(logging.format()).isEmpty();
    assertThat(logging.levels()).isEmpty();
    assertThat(ConfigKey.LOG_FORMAT.defaultValue()).contains("text");
    assertThat(ConfigKey.LOG_LEVEL.defaultValue()).contains("INFO");
  }

  @Test
  void readsAFormatAndLevelsInAnyCaseWithOneLoggerEach() {
    LoggingConfig logging =
        ConfigLoader.load(
                Map.of("SALESPULSE_LOG_FORMAT", "JSON"),
                Map.of("log-level", "debug, org.apache.kafka.clients.consumer=Trace"))
            .logging();

    assertThat(logging.format()).contains(LoggingConfig.Format.JSON);
    assertThat(logging.levels())
        .containsExactly(
            Map.entry("dev.salespulse", "DEBUG"),
            Map.entry("org.apache.kafka.clients.consumer", "TRACE"));
  }

  @Test
  void aLoggerAloneLeavesSalesPulsesOwnLevelAsConfigured() {
    LoggingConfig logging =
        ConfigLoader.load(Map.of("SALESPULSE_LOG_LEVEL", "dev.salespulse.web.live=DEBUG"), Map.of())
            .logging();

    assertThat(logging.levels()).containsExactly(Map.entry("dev.salespulse.web.live", "DEBUG"));
  }

  @Test
  void blankValuesAreNotGiven() {
    LoggingConfig logging =
        ConfigLoader.load(
                Map.of("SALESPULSE_LOG_LEVEL", " ", "SALESPULSE_LOG_FORMAT", ""), Map.of())
            .logging();

    assertThat(logging.format()).isEmpty();
    assertThat(logging.levels()).isEmpty();
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "SALESPULSE_LOG_FORMAT | xml",
        "SALESPULSE_LOG_LEVEL | LOUD",
        "SALESPULSE_LOG_LEVEL | INFO,DEBUG",
        "SALESPULSE_LOG_LEVEL | INFO,",
        "SALESPULSE_LOG_LEVEL | org.apache.kafka=",
        "SALESPULSE_LOG_LEVEL | org..kafka=DEBUG",
        "SALESPULSE_LOG_LEVEL | a=DEBUG,a=INFO",
      })
  void refusesABadValueNamingTheSetting(String variable, String value) {
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(Map.of(variable, value), Map.of()))
        .withMessageStartingWith("Invalid " + variable + "='" + value + "': expected ");
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.loadLogging(Map.of(variable, value)))
        .withMessageStartingWith("Invalid " + variable + "='" + value + "': expected ");
  }

  @Test
  void refusesABadFlagNamingTheFlag() {
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("log-format", "yaml")))
        .withMessage("Invalid --log-format='yaml': expected text or json (SALESPULSE_LOG_FORMAT).");
  }

  @Test
  void theEarlyReadingLooksAtTheLoggingVariablesOnly() {
    LoggingConfig logging =
        ConfigLoader.loadLogging(
            Map.of("SALESPULSE_LOG_FORMAT", "json", "SALESPULSE_HTTP_PORT", "not a port"));

    assertThat(logging.format()).contains(LoggingConfig.Format.JSON);
    assertThat(logging.levels()).isEmpty();
  }
}
