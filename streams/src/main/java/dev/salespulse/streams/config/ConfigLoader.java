package dev.salespulse.streams.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link SalesPulseConfig} from environment variables and flags. A flag wins over its
 * variable. Every value is checked here, at start, so a bad one stops the start with a message that
 * names the variable and what it accepts, instead of failing later in a Kafka thread. Each group of
 * settings parses its own keys ({@code from(Settings)}); this class only reads the raw values.
 *
 * <p>{@code SALESPULSE_KAFKA_<PROPERTY>} (flag {@code --kafka-<property>}) passes straight to
 * Kafka: lower-cased, with {@code _}/{@code -} turned into {@code .}. The one exception is {@code
 * SALESPULSE_KAFKA_PORT}, the embedded broker's port.
 */
public final class ConfigLoader {
  static final String ENV_PREFIX = "SALESPULSE_";
  private static final String KAFKA_ENV_PREFIX = ENV_PREFIX + "KAFKA_";
  private static final String KAFKA_FLAG_PREFIX = "kafka-";
  private static final String SECRET_ENV = ENV_PREFIX + "WEBHOOK_[A-Z0-9_]+_SECRET";
  private static final String SECRET_FLAG = "webhook-[a-z0-9-]+-secret";

  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

  private final Settings settings = new Settings();

  private ConfigLoader() {}

  /**
   * @param env the process environment (only {@code SALESPULSE_*} entries are read)
   * @param flags flags without the leading dashes, e.g. {@code http-port -> 8080}
   * @throws ConfigException naming the offending variable or flag
   */
  public static SalesPulseConfig load(Map<String, String> env, Map<String, String> flags) {
    ConfigLoader loader = new ConfigLoader();
    env.forEach(loader::readEnv);
    flags.forEach(loader::readFlag);
    SalesPulseConfig config = SalesPulseConfig.from(loader.settings);
    config.access().requireDistinctTokens();
    return config;
  }

  /**
   * Only the logging settings, from the environment: for the lines logged before the flags are
   * read. Other variables are not looked at, so nothing is warned about twice.
   *
   * @throws ConfigException naming the offending variable
   */
  public static LoggingConfig loadLogging(Map<String, String> env) {
    Settings settings = new Settings();
    for (ConfigKey key : List.of(ConfigKey.LOG_FORMAT, ConfigKey.LOG_LEVEL)) {
      String value = env.get(key.env());
      if (value != null) {
        settings.put(key, value, key.env());
      }
    }
    return LoggingConfig.from(settings);
  }

  private void readEnv(String name, String value) {
    if (!name.startsWith(ENV_PREFIX)) {
      return;
    }
    Optional<ConfigKey> key = ConfigKey.byEnv(name);
    if (key.isPresent()) {
      settings.put(key.get(), value, name);
    } else if (name.matches(SECRET_ENV)) {
      settings.putWebhookSecret(name, value.trim());
    } else if (name.startsWith(KAFKA_ENV_PREFIX)) {
      settings.putKafka(kafkaProperty(name.substring(KAFKA_ENV_PREFIX.length())), value);
    } else {
      LOG.warn("Ignoring unknown variable {}: not a SalesPulse setting", name);
    }
  }

  private void readFlag(String flag, String value) {
    Optional<ConfigKey> key = ConfigKey.byFlag(flag);
    if (key.isPresent()) {
      settings.put(key.get(), value, "--" + flag);
    } else if (flag.matches(SECRET_FLAG)) {
      settings.putWebhookSecret(
          ENV_PREFIX + flag.toUpperCase(Locale.ROOT).replace('-', '_'), value.trim());
    } else if (flag.startsWith(KAFKA_FLAG_PREFIX)) {
      settings.putKafka(kafkaProperty(flag.substring(KAFKA_FLAG_PREFIX.length())), value);
    } else {
      throw new ConfigException(
          "Unknown option --" + flag + ". Settings are listed in docs/configuration.md.");
    }
  }

  private static String kafkaProperty(String suffix) {
    return suffix.toLowerCase(Locale.ROOT).replace('_', '.').replace('-', '.');
  }
}
