package dev.salespulse.streams.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every setting SalesPulse reads, with its environment variable, its {@code --flag} twin, its
 * default and a one-line description. {@code docs/configuration.md} is checked against this list by
 * a test, so the reference cannot drift from the code.
 *
 * <p>A new setting is an entry here, a component of the group that reads it (for example {@link
 * HttpConfig}) parsed in that group's {@code from(Settings)}, and a row in {@code
 * docs/configuration.md}; the {@code --help} listing follows this list by itself.
 *
 * <p>Kafka client and Streams properties are not listed: any {@code SALESPULSE_KAFKA_<PROPERTY>}
 * passes through (see {@link ConfigLoader}); nor are webhook secrets, {@code
 * SALESPULSE_WEBHOOK_<SOURCE>_SECRET}, one per source ({@link WebhookConfig}).
 */
public enum ConfigKey {
  BOOTSTRAP_SERVERS(
      null, "Kafka bootstrap servers. Empty: start an embedded single-node broker (KRaft)."),
  DATA_DIR("./data", "Directory for the embedded broker's log and the state stores."),
  HTTP_PORT("7070", "Port of the HTTP API, WebSocket and dashboard."),
  KAFKA_PORT("9092", "Port of the embedded broker (only without SALESPULSE_BOOTSTRAP_SERVERS)."),
  TIMEZONE("UTC", "Business time zone (IANA name): days run from local midnight to midnight."),
  BUSINESS_HOURS("09:00-18:00", "Business hours, Monday to Friday, that shape the expected pace."),
  FISCAL_YEAR_START("JANUARY", "First month of the fiscal year: quarters (qtd) follow it."),
  CURRENCY("USD", "Reporting currency (ISO 4217 code)."),
  CURRENCY_DIGITS("2", "Fraction digits money is rounded to (half-even), 0 to 4."),
  TOPIC_PREFIX("", "Prefix of every topic name, e.g. 'acme.' gives 'acme.sales.orders'."),
  TOPIC_PARTITIONS("4", "Partitions of the topics SalesPulse creates when they are missing."),
  TOPIC_REPLICATION("1", "Replication factor of the topics SalesPulse creates."),
  APPLICATION_ID("salespulse", "Kafka Streams application id (consumer group, internal topics)."),
  DEDUP_RETENTION("P7D", "How long an eventId is remembered to drop duplicates (ISO-8601)."),
  MINUTE_RETENTION("PT48H", "How long minute buckets are kept (ISO-8601 duration)."),
  ORDER_RETENTION(
      "P400D", "How long a placed order is kept for its cancellations and refunds (ISO-8601)."),
  ROCKSDB_MEMORY_MB("256", "Off-heap memory of all RocksDB state stores together, in MB."),
  DISK_MIN_FREE_MB(
      "256", "Least free space, in MB, the data directories need at start (else exit 2)."),
  PUSH_HZ("4", "Most WebSocket messages a second per client (1 to 50)."),
  FEED_LARGE_DEAL(
      "5000", "Placed orders of at least this amount (reporting currency) go to sales.feed."),
  METRICS_REP_LEVEL("false", "Whether /metrics carries business gauges per rep too."),
  VIEWER_TOKEN(
      null,
      "When set, the read API and /ws/live need 'Authorization: Bearer <token>' (or ?token=)."),
  INGEST_TOKEN(
      null,
      "Token of the write routes (events, reps, targets, fx rates); unset: HTTP ingest is off."),
  ALLOWED_ORIGINS(
      null,
      "Web origins besides the service's own whose pages may open /ws/live, comma-separated"
          + " (https://tv.example.com)."),
  QUERY_COST_LIMIT(
      "200000",
      "Most a read query may cost, days x scopes x points (100 to 1,000,000,000); 400 beyond."),
  WEBHOOK_DIR(
      null, "Directory of webhook mapping files that add sources or replace built-in ones."),
  WEBHOOK_BASE_URL(
      null, "Scheme and host providers call this service at, as they sign it (HubSpot)."),
  ADVERTISED_URL(
      null, "host:port other instances use to reach this one (default localhost:<http port>)."),
  SIM_RATE(
      "20", "Not used by the demo, whose floor runs by per-rep rates; kept for compatibility."),
  SIM_REPS("60", "Reps on the demo's simulated sales floor."),
  CLUSTER_TOKEN(
      null,
      "Token of the calls between instances (/internal); unset: they are refused once a viewer"
          + " token is set."),
  METRICS_TOKEN(null, "When set, /metrics needs 'Authorization: Bearer <token>'; unset: open."),
  REQUEST_TIMEOUT(
      "PT5S", "Deadline of every read request, calls to other instances included (ISO-8601)."),
  WS_MAX_SESSIONS(
      "2000", "Most /ws/live sessions one instance serves; more are closed with 1013 (try again)."),
  HTTP_MAX_CONNECTIONS(
      "4000",
      "Most HTTP and WebSocket connections open at once; beyond, new ones wait to be accepted"
          + " (at most half the process's open-file limit)."),
  LOG_FORMAT(
      "text", "Log lines as text (date, level, thread, logger, message) or json, one a line."),
  LOG_LEVEL(
      "INFO",
      "Level of SalesPulse's own loggers; logger=LEVEL entries (comma-separated) set one logger.");

  private final String defaultValue;
  private final String description;

  ConfigKey(String defaultValue, String description) {
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** The environment variable, e.g. {@code SALESPULSE_HTTP_PORT}. */
  public String env() {
    return ConfigLoader.ENV_PREFIX + name();
  }

  /** The command-line flag without dashes, e.g. {@code http-port}. */
  public String flag() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  public String description() {
    return description;
  }

  static Optional<ConfigKey> byFlag(String flag) {
    return Arrays.stream(values()).filter(k -> k.flag().equals(flag)).findFirst();
  }

  static Optional<ConfigKey> byEnv(String env) {
    return Arrays.stream(values()).filter(k -> k.env().equals(env)).findFirst();
  }
}
