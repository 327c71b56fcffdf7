package dev.salespulse.streams.config;

import java.util.Map;

/**
 * The whole configuration of one SalesPulse process, validated and immutable, in named groups.
 * Built by {@link ConfigLoader} from {@code SALESPULSE_*} environment variables and {@code
 * --flags}; each group parses its own keys. A part of the service is handed only the groups it
 * reads.
 *
 * <p>Its {@code toString} prints every setting but secrets: tokens show as {@code Optional[***]}
 * ({@link AccessConfig}), webhook secrets by name only ({@link WebhookConfig}).
 */
public record SalesPulseConfig(
    KafkaConfig kafka,
    StorageConfig storage,
    ReportingConfig reporting,
    HttpConfig http,
    AccessConfig access,
    LiveConfig live,
    MetricsConfig metrics,
    SimulatorConfig simulator,
    LoggingConfig logging,
    WebhookConfig webhooks) {

  /** Every group from the settings read, each parsing and checking its own keys. */
  static SalesPulseConfig from(Settings settings) {
    return new SalesPulseConfig(
        KafkaConfig.from(settings),
        StorageConfig.from(settings),
        ReportingConfig.from(settings),
        HttpConfig.from(settings),
        AccessConfig.from(settings),
        LiveConfig.from(settings),
        MetricsConfig.from(settings),
        SimulatorConfig.from(settings),
        LoggingConfig.from(settings),
        WebhookConfig.from(settings));
  }

  /** The defaults of every key, as {@code salespulse demo} runs with no settings at all. */
  public static SalesPulseConfig defaults() {
    return ConfigLoader.load(Map.of(), Map.of());
  }
}
