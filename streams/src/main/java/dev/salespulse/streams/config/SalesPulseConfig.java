package dev.salespulse.streams.config;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Month;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The whole configuration of one SalesPulse process, validated and immutable. Built by {@link
 * ConfigLoader} from {@code SALESPULSE_*} environment variables and {@code --flags}.
 *
 * @param kafkaProperties pass-through Kafka client/Streams properties ({@code
 *     SALESPULSE_KAFKA_NUM_STREAM_THREADS} becomes {@code num.stream.threads}); they win over the
 *     defaults SalesPulse sets.
 */
public record SalesPulseConfig(
    Optional<String> bootstrapServers,
    Path dataDir,
    int httpPort,
    int kafkaPort,
    ZoneId timezone,
    BusinessHours businessHours,
    Month fiscalYearStart,
    String currency,
    int currencyDigits,
    String topicPrefix,
    int topicPartitions,
    short topicReplication,
    String applicationId,
    Duration dedupRetention,
    Duration minuteRetention,
    Duration orderRetention,
    int rocksDbMemoryMb,
    int diskMinFreeMb,
    int pushHz,
    BigDecimal feedLargeDeal,
    boolean metricsRepLevel,
    Optional<String> viewerToken,
    Optional<String> ingestToken,
    List<String> allowedOrigins,
    Optional<String> advertisedUrl,
    double simRate,
    int simReps,
    Optional<String> clusterToken,
    Optional<String> metricsToken,
    int queryCostLimit,
    Duration requestTimeout,
    int wsMaxSessions,
    LoggingConfig logging,
    WebhookConfig webhooks,
    Map<String, String> kafkaProperties) {

  public SalesPulseConfig {
    kafkaProperties = Map.copyOf(kafkaProperties);
    allowedOrigins = List.copyOf(allowedOrigins);
  }

  /**
   * Every setting but the tokens' values, which are never printed (a token set shows as {@code
   * Optional[***]}), not even in a record's {@code toString}.
   */
  @Override
  public String toString() {
    StringJoiner fields = new StringJoiner(", ", "SalesPulseConfig[", "]");
    for (RecordComponent component : SalesPulseConfig.class.getRecordComponents()) {
      Object value;
      try {
        value = component.getAccessor().invoke(this);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      if (component.getName().endsWith("Token") && value instanceof Optional<?> token) {
        value = token.map(secret -> "***");
      }
      fields.add(component.getName() + "=" + value);
    }
    return fields.toString();
  }

  /** The defaults of every key, as {@code salespulse demo} runs with no settings at all. */
  public static SalesPulseConfig defaults() {
    return ConfigLoader.load(Map.of(), Map.of());
  }

  /** Where Kafka Streams keeps its RocksDB state: under the data directory, never in /tmp. */
  public Path stateDir() {
    return dataDir.resolve("state");
  }

  /** Where the embedded broker keeps its log. */
  public Path brokerDir() {
    return dataDir.resolve("kafka");
  }
}
