package dev.salespulse.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Settings from {@code SALESPULSE_*} variables and {@code --flags}: defaults, precedence, checks.
 */
class ConfigLoaderTest {

  @Test
  void shouldRunWithDefaultsWhenNothingIsSet() {
    SalesPulseConfig config = ConfigLoader.load(Map.of(), Map.of());

    assertThat(config.kafka().bootstrapServers()).isEmpty();
    assertThat(config.storage().dataDir()).isEqualTo(Path.of("./data"));
    assertThat(config.http().port()).isEqualTo(7070);
    assertThat(config.kafka().port()).isEqualTo(9092);
    assertThat(config.reporting().timezone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(config.reporting().currency()).isEqualTo("USD");
    assertThat(config.reporting().currencyDigits()).isEqualTo(2);
    assertThat(config.kafka().topicPrefix()).isEmpty();
    assertThat(config.kafka().topicPartitions()).isEqualTo(4);
    assertThat(config.kafka().topicReplication()).isEqualTo((short) 1);
    assertThat(config.kafka().applicationId()).isEqualTo("salespulse");
    assertThat(config.reporting().dedupRetention()).isEqualTo(Duration.ofDays(7));
    assertThat(config.reporting().minuteRetention()).isEqualTo(Duration.ofHours(48));
    assertThat(config.reporting().orderRetention()).isEqualTo(Duration.ofDays(400));
    assertThat(config.storage().diskMinFreeMb()).isEqualTo(256);
    assertThat(config.live().pushHz()).isEqualTo(4);
    assertThat(config.access().viewerToken()).isEmpty();
    assertThat(config.http().advertisedUrl()).isEmpty();
    assertThat(config.simulator().rate()).isEqualTo(20.0);
    assertThat(config.simulator().reps()).isEqualTo(60);
    assertThat(config.kafka().properties()).isEmpty();
    assertThat(config.storage().stateDir()).isEqualTo(Path.of("./data/state"));
    assertThat(SalesPulseConfig.defaults()).isEqualTo(config);
  }

  @Test
  void shouldReadEnvironmentVariables() {
    SalesPulseConfig config =
        ConfigLoader.load(
            Map.of(
                "SALESPULSE_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092",
                "SALESPULSE_HTTP_PORT", "8080",
                "SALESPULSE_TIMEZONE", "Europe/Berlin",
                "SALESPULSE_CURRENCY", "eur",
                "SALESPULSE_CURRENCY_DIGITS", "0",
                "SALESPULSE_TOPIC_PREFIX", "acme.",
                "SALESPULSE_MINUTE_RETENTION", "PT6H",
                "SALESPULSE_ORDER_RETENTION", "P90D",
                "SALESPULSE_DISK_MIN_FREE_MB", "1024",
                "SALESPULSE_VIEWER_TOKEN", "s3cret"),
            Map.of());

    assertThat(config.kafka().bootstrapServers()).contains("kafka-1:9092,kafka-2:9092");
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.reporting().timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(config.reporting().currency()).isEqualTo("EUR");
    assertThat(config.reporting().currencyDigits()).isZero();
    assertThat(config.kafka().topicPrefix()).isEqualTo("acme.");
    assertThat(config.reporting().minuteRetention()).isEqualTo(Duration.ofHours(6));
    assertThat(config.reporting().orderRetention()).isEqualTo(Duration.ofDays(90));
    assertThat(config.storage().diskMinFreeMb()).isEqualTo(1024);
    assertThat(config.access().viewerToken()).contains("s3cret");
  }

  @Test
  void shouldLetAFlagWinOverItsVariable() {
    SalesPulseConfig config =
        ConfigLoader.load(
            Map.of("SALESPULSE_HTTP_PORT", "8080", "SALESPULSE_TIMEZONE", "Europe/Berlin"),
            Map.of("http-port", "9090"));

    assertThat(config.http().port()).isEqualTo(9090);
    assertThat(config.reporting().timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
  }

  @Test
  void shouldTrimValues() {
    SalesPulseConfig config = ConfigLoader.load(Map.of("SALESPULSE_HTTP_PORT", " 8080 "), Map.of());

    assertThat(config.http().port()).isEqualTo(8080);
  }

  @Test
  void shouldPassKafkaPropertiesThroughFromVariablesAndFlags() {
    SalesPulseConfig config =
        ConfigLoader.load(
            Map.of(
                "SALESPULSE_KAFKA_NUM_STREAM_THREADS", "4",
                "SALESPULSE_KAFKA_COMMIT_INTERVAL_MS", "500"),
            Map.of("kafka-commit-interval-ms", "250", "kafka-max-poll-records", "1000"));

    assertThat(config.kafka().properties())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "num.stream.threads", "4",
                "commit.interval.ms", "250",
                "max.poll.records", "1000"));
  }

  @Test
  void shouldTakeKafkaPortAsTheEmbeddedBrokersPortNotAPassThrough() {
    SalesPulseConfig fromEnv =
        ConfigLoader.load(Map.of("SALESPULSE_KAFKA_PORT", "19092"), Map.of());
    SalesPulseConfig fromFlag = ConfigLoader.load(Map.of(), Map.of("kafka-port", "29092"));

    assertThat(fromEnv.kafka().port()).isEqualTo(19092);
    assertThat(fromEnv.kafka().properties()).isEmpty();
    assertThat(fromFlag.kafka().port()).isEqualTo(29092);
    assertThat(fromFlag.kafka().properties()).isEmpty();
  }

  @Test
  void shouldIgnoreVariablesThatAreNotSalesPulseSettings() {
    SalesPulseConfig config =
        ConfigLoader.load(Map.of("PATH", "/usr/bin", "SALESPULSE_COLOUR", "blue"), Map.of());

    assertThat(config).isEqualTo(SalesPulseConfig.defaults());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "SALESPULSE_KAFKA_PORT, 70000",
    "SALESPULSE_HTTP_PORT, -1",
    "SALESPULSE_HTTP_PORT, http",
    "SALESPULSE_TIMEZONE, Mars/Olympus",
    "SALESPULSE_CURRENCY, DOLLARS",
    "SALESPULSE_CURRENCY_DIGITS, 7",
    "SALESPULSE_TOPIC_PREFIX, acme/",
    "SALESPULSE_TOPIC_PARTITIONS, 0",
    "SALESPULSE_MINUTE_RETENTION, 2 days",
    "SALESPULSE_DEDUP_RETENTION, PT0S",
    "SALESPULSE_DEDUP_RETENTION, -P1D",
    "SALESPULSE_ORDER_RETENTION, PT0S",
    "SALESPULSE_ORDER_RETENTION, 400 days",
    "SALESPULSE_DISK_MIN_FREE_MB, -1",
    "SALESPULSE_DISK_MIN_FREE_MB, 1GB",
    "SALESPULSE_PUSH_HZ, 51",
    "SALESPULSE_SIM_RATE, 0",
    "SALESPULSE_BOOTSTRAP_SERVERS, localhost",
    "SALESPULSE_ADVERTISED_URL, localhost",
    "SALESPULSE_ADVERTISED_URL, app-1:http",
    "SALESPULSE_APPLICATION_ID, sales/pulse",
    "SALESPULSE_APPLICATION_ID, sales pulse",
    "SALESPULSE_ALLOWED_ORIGINS, https://tv.example.com/wall",
    "SALESPULSE_ALLOWED_ORIGINS, ftp://tv.example.com",
  })
  void shouldRejectAnInvalidValueNamingTheVariable(String variable, String value) {
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(Map.of(variable, value), Map.of()))
        .withMessageContaining(variable)
        .withMessageContaining("expected");
  }

  @Test
  void shouldReadAllowedOriginsLowerCased() {
    assertThat(
            ConfigLoader.load(
                    Map.of(
                        "SALESPULSE_ALLOWED_ORIGINS",
                        " https://TV.example.com ,http://wall.local:8080"),
                    Map.of())
                .access()
                .allowedOrigins())
        .containsExactly("https://tv.example.com", "http://wall.local:8080");
    assertThat(SalesPulseConfig.defaults().access().allowedOrigins()).isEmpty();
  }

  @Test
  void shouldRefuseAnIngestTokenThatIsAlsoTheViewerToken() {
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(
            () ->
                ConfigLoader.load(
                    Map.of("SALESPULSE_VIEWER_TOKEN", "same", "SALESPULSE_INGEST_TOKEN", "same"),
                    Map.of()))
        .withMessageStartingWith(
            "SALESPULSE_INGEST_TOKEN must differ from SALESPULSE_VIEWER_TOKEN");
  }

  @ParameterizedTest
  @CsvSource({
    "SALESPULSE_VIEWER_TOKEN, SALESPULSE_CLUSTER_TOKEN",
    "SALESPULSE_INGEST_TOKEN, SALESPULSE_CLUSTER_TOKEN",
    "SALESPULSE_VIEWER_TOKEN, SALESPULSE_METRICS_TOKEN",
    "SALESPULSE_INGEST_TOKEN, SALESPULSE_METRICS_TOKEN",
    "SALESPULSE_CLUSTER_TOKEN, SALESPULSE_METRICS_TOKEN"
  })
  void shouldRefuseOneTokenForTwoRoles(String first, String second) {
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(Map.of(first, "same", second, "same"), Map.of()))
        .withMessageStartingWith(second + " must differ from " + first);
  }

  @Test
  void shouldReadTheClusterAndMetricsTokens() {
    SalesPulseConfig config =
        ConfigLoader.load(
            Map.of("SALESPULSE_CLUSTER_TOKEN", "c-1", "SALESPULSE_METRICS_TOKEN", "m-1"),
            Map.of("viewer-token", "v-1"));

    assertThat(config.access().clusterToken()).contains("c-1");
    assertThat(config.access().metricsToken()).contains("m-1");
    assertThat(config.access().viewerToken()).contains("v-1");
    assertThat(SalesPulseConfig.defaults().access().clusterToken()).isEmpty();
    assertThat(SalesPulseConfig.defaults().access().metricsToken()).isEmpty();
  }

  /** Kafka refuses topic names over 249 characters; both settings end up in topic names. */
  @ParameterizedTest
  @ValueSource(strings = {"SALESPULSE_TOPIC_PREFIX", "SALESPULSE_APPLICATION_ID"})
  void shouldRejectANameTooLongForTheTopicsItPrefixes(String variable) {
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(Map.of(variable, "a".repeat(201)), Map.of()))
        .withMessageContaining(variable)
        .withMessageContaining("at most 200");
    assertThat(ConfigLoader.load(Map.of(variable, "a".repeat(200)), Map.of())).isNotNull();
  }

  /**
   * The simulator holds at most 10,000 reps (SalesFloor.MAX_REPS): a larger SALESPULSE_SIM_REPS
   * passed here and stopped `salespulse demo` only after the broker, topics and streams had
   * started, with an IllegalArgumentException stack trace and exit code 1.
   */
  @Test
  void shouldRejectMoreSimulatedRepsThanTheSimulatorHolds() {
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(Map.of("SALESPULSE_SIM_REPS", "20000"), Map.of()))
        .withMessageContaining("SALESPULSE_SIM_REPS")
        .withMessageContaining("expected");
  }

  @Test
  void shouldQuoteTheRejectedValueAndTheAllowedRange() {
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(Map.of("SALESPULSE_CURRENCY_DIGITS", "7"), Map.of()))
        .withMessage(
            "Invalid SALESPULSE_CURRENCY_DIGITS='7': expected a whole number from 0 to 4"
                + " (SALESPULSE_CURRENCY_DIGITS).");
  }

  @Test
  void shouldNameTheFlagWhenAFlagIsInvalid() {
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("kafka-port", "70000")))
        .withMessageContaining("--kafka-port")
        .withMessageContaining("SALESPULSE_KAFKA_PORT")
        .withMessageContaining("0 to 65535");
  }

  @Test
  void shouldRejectAnUnknownFlagNamingIt() {
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("colour", "blue")))
        .withMessageContaining("--colour");
  }

  @Test
  void shouldPairEveryVariableWithItsFlag() {
    assertThat(ConfigKey.HTTP_PORT.env()).isEqualTo("SALESPULSE_HTTP_PORT");
    assertThat(ConfigKey.HTTP_PORT.flag()).isEqualTo("http-port");
    assertThat(ConfigKey.byFlag("kafka-port")).isEqualTo(Optional.of(ConfigKey.KAFKA_PORT));
  }

  @Test
  void shouldCollectWebhookSecretsFromVariablesAndFlags() {
    SalesPulseConfig config =
        ConfigLoader.load(
            Map.of(
                "SALESPULSE_WEBHOOK_SHOPIFY_SECRET", " shpss_1 ",
                "SALESPULSE_WEBHOOK_MY_CRM_SECRET", "a,b",
                "SALESPULSE_WEBHOOK_DIR", "/etc/salespulse/webhooks",
                "SALESPULSE_WEBHOOK_BASE_URL", "https://sales.example.com/pulse"),
            Map.of("webhook-stripe-secret", "whsec_1"));

    assertThat(config.webhooks().secrets())
        .isEqualTo(
            Map.of(
                "SALESPULSE_WEBHOOK_SHOPIFY_SECRET", "shpss_1",
                "SALESPULSE_WEBHOOK_MY_CRM_SECRET", "a,b",
                "SALESPULSE_WEBHOOK_STRIPE_SECRET", "whsec_1"));
    assertThat(config.webhooks().directory()).contains(Path.of("/etc/salespulse/webhooks"));
    assertThat(config.webhooks().baseUrl()).contains("https://sales.example.com/pulse");
    assertThat(config.webhooks().toString()).doesNotContain("shpss_1", "whsec_1");
    assertThat(SalesPulseConfig.defaults().webhooks())
        .isEqualTo(new WebhookConfig(Optional.empty(), Optional.empty(), Map.of()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sales.example.com", "ftp://sales.example.com", "https://h/?a=b"})
  void shouldRefuseAWebhookBaseUrlThatIsNotOne(String url) {
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(Map.of("SALESPULSE_WEBHOOK_BASE_URL", url), Map.of()))
        .withMessage(
            "Invalid SALESPULSE_WEBHOOK_BASE_URL='"
                + url
                + "': expected an http(s) URL without query such as https://sales.example.com"
                + " (SALESPULSE_WEBHOOK_BASE_URL).");
  }

  @Test
  void aPrintedConfigurationShowsNoTokenAndNoWebhookSecret() {
    SalesPulseConfig config =
        ConfigLoader.load(
            Map.of(
                "SALESPULSE_VIEWER_TOKEN", "viewer-secret-1",
                "SALESPULSE_INGEST_TOKEN", "ingest-secret-2",
                "SALESPULSE_CLUSTER_TOKEN", "cluster-secret-3",
                "SALESPULSE_METRICS_TOKEN", "metrics-secret-4",
                "SALESPULSE_WEBHOOK_SHOPIFY_SECRET", "shop-secret-5"),
            Map.of());

    String printed = config.toString();

    assertThat(printed)
        .doesNotContain("viewer-secret-1", "ingest-secret-2", "cluster-secret-3")
        .doesNotContain("metrics-secret-4", "shop-secret-5")
        .contains("viewerToken=Optional[***]", "metricsToken=Optional[***]")
        .contains("http=HttpConfig[port=7070");
  }
}
