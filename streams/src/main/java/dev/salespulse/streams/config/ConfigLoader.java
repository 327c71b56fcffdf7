package dev.salespulse.streams.config;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Month;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link SalesPulseConfig} from environment variables and flags. A flag wins over its
 * variable. Every value is checked here, at start, so a bad one stops the start with a message that
 * names the variable and what it accepts, instead of failing later in a Kafka thread.
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

  /**
   * The longest topic prefix or application id: both start topic names, which Kafka limits to 249
   * characters, and the longest suffix SalesPulse adds to either is under 45.
   */
  private static final int MAX_NAME = 200;

  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

  private final Map<ConfigKey, String> raw = new EnumMap<>(ConfigKey.class);
  private final Map<ConfigKey, String> source = new EnumMap<>(ConfigKey.class);
  private final Map<String, String> kafka = new HashMap<>();
  private final Map<String, String> webhookSecrets = new HashMap<>();

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
    SalesPulseConfig config = loader.build();
    requireDistinctTokens(config);
    return config;
  }

  /**
   * Each role's token opens only its own routes, so no two may be the same: whoever may read the
   * figures must not be able to write them, scrape the service or pose as an instance.
   */
  private static void requireDistinctTokens(SalesPulseConfig config) {
    Map<ConfigKey, Optional<String>> tokens = new LinkedHashMap<>();
    tokens.put(ConfigKey.VIEWER_TOKEN, config.viewerToken());
    tokens.put(ConfigKey.INGEST_TOKEN, config.ingestToken());
    tokens.put(ConfigKey.CLUSTER_TOKEN, config.clusterToken());
    tokens.put(ConfigKey.METRICS_TOKEN, config.metricsToken());
    Map<String, ConfigKey> seen = new HashMap<>();
    tokens.forEach(
        (key, token) ->
            token.ifPresent(
                value -> {
                  ConfigKey first = seen.putIfAbsent(value, key);
                  if (first != null) {
                    throw new ConfigException(
                        key.env()
                            + " must differ from "
                            + first.env()
                            + ": each role's token opens only its own routes, so whoever may"
                            + " read the figures cannot write them, scrape the service or pose as"
                            + " an instance.");
                  }
                }));
  }

  private void readEnv(String name, String value) {
    if (!name.startsWith(ENV_PREFIX)) {
      return;
    }
    Optional<ConfigKey> key = ConfigKey.byEnv(name);
    if (key.isPresent()) {
      put(key.get(), value, name);
    } else if (name.matches(SECRET_ENV)) {
      webhookSecrets.put(name, value.trim());
    } else if (name.startsWith(KAFKA_ENV_PREFIX)) {
      kafka.put(kafkaProperty(name.substring(KAFKA_ENV_PREFIX.length())), value);
    } else {
      LOG.warn("Ignoring unknown variable {}: not a SalesPulse setting", name);
    }
  }

  private void readFlag(String flag, String value) {
    Optional<ConfigKey> key = ConfigKey.byFlag(flag);
    if (key.isPresent()) {
      put(key.get(), value, "--" + flag);
    } else if (flag.matches(SECRET_FLAG)) {
      webhookSecrets.put(
          ENV_PREFIX + flag.toUpperCase(Locale.ROOT).replace('-', '_'), value.trim());
    } else if (flag.startsWith(KAFKA_FLAG_PREFIX)) {
      kafka.put(kafkaProperty(flag.substring(KAFKA_FLAG_PREFIX.length())), value);
    } else {
      throw new ConfigException(
          "Unknown option --" + flag + ". Settings are listed in docs/configuration.md.");
    }
  }

  private void put(ConfigKey key, String value, String from) {
    raw.put(key, value.trim());
    source.put(key, from);
  }

  private static String kafkaProperty(String suffix) {
    return suffix.toLowerCase(Locale.ROOT).replace('_', '.').replace('-', '.');
  }

  private SalesPulseConfig build() {
    return new SalesPulseConfig(
        optionalValue(
            ConfigKey.BOOTSTRAP_SERVERS,
            "host:port[,host:port…] such as kafka-1:9092,kafka-2:9092",
            ConfigLoader::bootstrapServers),
        value(ConfigKey.DATA_DIR, "a directory path", Path::of),
        intIn(ConfigKey.HTTP_PORT, 0, 65535),
        intIn(ConfigKey.KAFKA_PORT, 0, 65535),
        value(ConfigKey.TIMEZONE, "an IANA time zone such as Europe/Berlin", ZoneId::of),
        value(ConfigKey.BUSINESS_HOURS, "HH:mm-HH:mm such as 09:00-18:00", BusinessHours::parse),
        value(ConfigKey.FISCAL_YEAR_START, "a month such as JANUARY or APRIL", ConfigLoader::month),
        value(ConfigKey.CURRENCY, "an ISO 4217 currency code such as USD", ConfigLoader::currency),
        intIn(ConfigKey.CURRENCY_DIGITS, 0, 4),
        value(
            ConfigKey.TOPIC_PREFIX,
            "a topic-name prefix of at most " + MAX_NAME + " letters, digits, '.', '_' and '-'",
            ConfigLoader::topicPrefix),
        intIn(ConfigKey.TOPIC_PARTITIONS, 1, 10_000),
        (short) intIn(ConfigKey.TOPIC_REPLICATION, 1, 32),
        value(
            ConfigKey.APPLICATION_ID,
            "a Kafka Streams application id of at most "
                + MAX_NAME
                + " letters, digits, '.', '_' and '-'",
            ConfigLoader::applicationId),
        duration(ConfigKey.DEDUP_RETENTION),
        duration(ConfigKey.MINUTE_RETENTION),
        duration(ConfigKey.ORDER_RETENTION),
        intIn(ConfigKey.ROCKSDB_MEMORY_MB, 16, 1_048_576),
        intIn(ConfigKey.DISK_MIN_FREE_MB, 0, 1_048_576),
        intIn(ConfigKey.PUSH_HZ, 1, 50),
        value(
            ConfigKey.FEED_LARGE_DEAL, "an amount of 0 or more such as 5000", ConfigLoader::amount),
        value(ConfigKey.METRICS_REP_LEVEL, "true or false", ConfigLoader::bool),
        optional(ConfigKey.VIEWER_TOKEN),
        optional(ConfigKey.INGEST_TOKEN),
        value(
            ConfigKey.ALLOWED_ORIGINS,
            "origins such as https://tv.example.com,http://wall.local:8080 (scheme, host, port;"
                + " no path)",
            ConfigLoader::origins),
        optionalValue(
            ConfigKey.ADVERTISED_URL, "host:port such as app-1:7070", HostInfo::buildFromEndpoint),
        value(ConfigKey.SIM_RATE, "a positive number of events a second", ConfigLoader::rate),
        intIn(ConfigKey.SIM_REPS, 1, 10_000),
        optional(ConfigKey.CLUSTER_TOKEN),
        optional(ConfigKey.METRICS_TOKEN),
        intIn(ConfigKey.QUERY_COST_LIMIT, 100, 1_000_000_000),
        durationUpTo(ConfigKey.REQUEST_TIMEOUT, Duration.ofMinutes(5)),
        intIn(ConfigKey.WS_MAX_SESSIONS, 1, 1_000_000),
        logging(),
        new WebhookConfig(
            optionalValue(ConfigKey.WEBHOOK_DIR, "a directory path", Path::of).map(Path::of),
            optionalValue(
                ConfigKey.WEBHOOK_BASE_URL,
                "an http(s) URL without query such as https://sales.example.com",
                ConfigLoader::baseUrl),
            webhookSecrets),
        kafka);
  }

  /**
   * Only the logging settings, from the environment: for the lines logged before the flags are
   * read. Other variables are not looked at, so nothing is warned about twice.
   *
   * @throws ConfigException naming the offending variable
   */
  public static LoggingConfig loadLogging(Map<String, String> env) {
    ConfigLoader loader = new ConfigLoader();
    for (ConfigKey key : List.of(ConfigKey.LOG_FORMAT, ConfigKey.LOG_LEVEL)) {
      String value = env.get(key.env());
      if (value != null) {
        loader.put(key, value, key.env());
      }
    }
    return loader.logging();
  }

  /** Only what is given (and not blank): the rest stays as the logback configuration has it. */
  private LoggingConfig logging() {
    String levels =
        "a level (TRACE, DEBUG, INFO, WARN, ERROR or OFF) and/or logger=LEVEL entries,"
            + " comma-separated, such as DEBUG or INFO,org.apache.kafka.clients=DEBUG";
    return new LoggingConfig(
        given(ConfigKey.LOG_FORMAT)
            .map(text -> value(ConfigKey.LOG_FORMAT, "text or json", LoggingConfig.Format::parse)),
        given(ConfigKey.LOG_LEVEL)
            .map(text -> value(ConfigKey.LOG_LEVEL, levels, LoggingConfig::levels))
            .orElse(Map.of()));
  }

  private Optional<String> given(ConfigKey key) {
    return Optional.ofNullable(raw.get(key)).filter(value -> !value.isBlank());
  }

  private Optional<String> optional(ConfigKey key) {
    return Optional.ofNullable(raw.get(key))
        .or(key::defaultValue)
        .filter(value -> !value.isBlank());
  }

  /** An optional value, checked by {@code parse} (as Kafka will parse it) when it is set. */
  private Optional<String> optionalValue(
      ConfigKey key, String accepted, Function<String, ?> parse) {
    Optional<String> text = optional(key);
    text.ifPresent(present -> value(key, accepted, parse));
    return text;
  }

  private <T> T value(ConfigKey key, String accepted, Function<String, T> parse) {
    String text = optional(key).orElse("");
    try {
      return parse.apply(text);
    } catch (RuntimeException e) {
      throw invalid(key, text, accepted);
    }
  }

  private int intIn(ConfigKey key, int min, int max) {
    String accepted = "a whole number from " + min + " to " + max;
    int value = value(key, accepted, Integer::parseInt);
    if (value < min || value > max) {
      throw invalid(key, Integer.toString(value), accepted);
    }
    return value;
  }

  private Duration duration(ConfigKey key) {
    String accepted = "a positive ISO-8601 duration such as PT48H or P7D";
    Duration value = value(key, accepted, ConfigLoader::parseDuration);
    if (value.isNegative() || value.isZero()) {
      throw invalid(key, value.toString(), accepted);
    }
    return value;
  }

  private Duration durationUpTo(ConfigKey key, Duration max) {
    String accepted = "a positive ISO-8601 duration of at most " + max + " such as PT5S";
    Duration value = value(key, accepted, ConfigLoader::parseDuration);
    if (value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
      throw invalid(key, value.toString(), accepted);
    }
    return value;
  }

  private ConfigException invalid(ConfigKey key, String value, String accepted) {
    String where = source.getOrDefault(key, key.env());
    return new ConfigException(
        "Invalid " + where + "='" + value + "': expected " + accepted + " (" + key.env() + ").");
  }

  private static Duration parseDuration(String text) {
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Web origins ({@code scheme://host[:port]}), lower-cased as browsers send them. */
  static List<String> origins(String text) {
    List<String> origins = new ArrayList<>();
    for (String entry : text.split(",")) {
      String origin = entry.trim();
      if (origin.isEmpty()) {
        continue;
      }
      java.net.URI uri = java.net.URI.create(origin);
      boolean web =
          "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
      if (!web
          || uri.getHost() == null
          || uri.getUserInfo() != null
          || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        throw new IllegalArgumentException("not an origin: " + origin);
      }
      origins.add(origin.toLowerCase(java.util.Locale.ROOT));
    }
    return origins;
  }

  /** Each entry as Kafka clients read bootstrap.servers (no name lookup here). */
  private static String bootstrapServers(String text) {
    boolean any = false;
    for (String entry : text.split(",")) {
      String url = entry.trim();
      if (url.isEmpty()) {
        continue;
      }
      if (Utils.getHost(url) == null || Utils.getPort(url) == null) {
        throw new IllegalArgumentException("not host:port: " + url);
      }
      any = true;
    }
    if (!any) {
      throw new IllegalArgumentException("no server");
    }
    return text;
  }

  /** http(s)://host[:port][/prefix], no query or fragment: a request's path is appended. */
  private static String baseUrl(String text) {
    URI uri = URI.create(text);
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("not a base URL");
    }
    return text;
  }

  private static String currency(String code) {
    return Currency.getInstance(code.toUpperCase(Locale.ROOT)).getCurrencyCode();
  }

  private static boolean bool(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("not a boolean");
    };
  }

  private static Month month(String name) {
    return Month.valueOf(name.toUpperCase(Locale.ROOT));
  }

  private static String topicPrefix(String prefix) {
    if (!prefix.matches("[a-zA-Z0-9._-]{0," + MAX_NAME + "}")) {
      throw new IllegalArgumentException("bad prefix");
    }
    return prefix;
  }

  /** It names internal topics and a state directory: topic-name characters only. */
  private static String applicationId(String text) {
    if (!text.matches("[a-zA-Z0-9._-]{1," + MAX_NAME + "}")) {
      throw new IllegalArgumentException("not a usable application id");
    }
    return text;
  }

  private static BigDecimal amount(String text) {
    BigDecimal amount = new BigDecimal(text);
    if (amount.signum() < 0 || amount.precision() - amount.scale() > 15) {
      throw new IllegalArgumentException("not a plausible amount");
    }
    return amount;
  }

  private static double rate(String text) {
    double rate = Double.parseDouble(text);
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("not positive");
    }
    return rate;
  }
}
