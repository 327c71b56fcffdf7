package dev.salespulse.streams.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The raw values of one start, as {@link ConfigLoader} read them (a flag over its variable), with
 * the checks every group's {@code from(Settings)} parses its own keys with. A bad value stops the
 * start with a message that names where it came from and what it accepts.
 */
final class Settings {
  private final Map<ConfigKey, String> raw = new EnumMap<>(ConfigKey.class);
  private final Map<ConfigKey, String> source = new EnumMap<>(ConfigKey.class);
  private final Map<String, String> kafka = new HashMap<>();
  private final Map<String, String> webhookSecrets = new HashMap<>();

  void put(ConfigKey key, String value, String from) {
    raw.put(key, value.trim());
    source.put(key, from);
  }

  void putKafka(String property, String value) {
    kafka.put(property, value);
  }

  void putWebhookSecret(String variable, String value) {
    webhookSecrets.put(variable, value);
  }

  /** The {@code SALESPULSE_KAFKA_*} pass-through, by Kafka property name. */
  Map<String, String> kafkaProperties() {
    return kafka;
  }

  /** Every {@code SALESPULSE_WEBHOOK_<SOURCE>_SECRET} given, by that name. */
  Map<String, String> webhookSecrets() {
    return webhookSecrets;
  }

  /** Only what is given (and not blank), without the default. */
  Optional<String> given(ConfigKey key) {
    return Optional.ofNullable(raw.get(key)).filter(value -> !value.isBlank());
  }

  Optional<String> optional(ConfigKey key) {
    return Optional.ofNullable(raw.get(key))
        .or(key::defaultValue)
        .filter(value -> !value.isBlank());
  }

  /** An optional value, checked by {@code parse} (as Kafka will parse it) when it is set. */
  Optional<String> optionalValue(ConfigKey key, String accepted, Function<String, ?> parse) {
    Optional<String> text = optional(key);
    text.ifPresent(present -> value(key, accepted, parse));
    return text;
  }

  <T> T value(ConfigKey key, String accepted, Function<String, T> parse) {
    String text = optional(key).orElse("");
    try {
      return parse.apply(text);
    } catch (RuntimeException e) {
      throw invalid(key, text, accepted);
    }
  }

  int intIn(ConfigKey key, int min, int max) {
    String accepted = "a whole number from " + min + " to " + max;
    int value = value(key, accepted, Integer::parseInt);
    if (value < min || value > max) {
      throw invalid(key, Integer.toString(value), accepted);
    }
    return value;
  }

  Duration duration(ConfigKey key) {
    String accepted = "a positive ISO-8601 duration such as PT48H or P7D";
    Duration value = value(key, accepted, Settings::parseDuration);
    if (value.isNegative() || value.isZero()) {
      throw invalid(key, value.toString(), accepted);
    }
    return value;
  }

  Duration durationUpTo(ConfigKey key, Duration max) {
    String accepted = "a positive ISO-8601 duration of at most " + max + " such as PT5S";
    Duration value = value(key, accepted, Settings::parseDuration);
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
}
