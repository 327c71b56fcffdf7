package dev.salespulse.streams.runtime;

import dev.salespulse.streams.config.KafkaConfig;
import dev.salespulse.streams.config.StorageConfig;
import dev.salespulse.streams.topology.ErrorHandlerSettings;
import dev.salespulse.streams.topology.Freshness;
import dev.salespulse.streams.topology.ProcessingErrorHandler;
import dev.salespulse.streams.topology.ProductionErrorHandler;
import dev.salespulse.streams.topology.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams properties SalesPulse runs with: exactly-once v2, state under the data
 * directory, explicit naming enforced, RocksDB memory bounded ({@link BoundedRocksDbConfig}), and
 * the tuning measured for this stack (larger record cache, lz4 on the internal producer). {@code
 * SALESPULSE_KAFKA_*} pass-through properties are applied last and win.
 */
public final class StreamsProperties {
  private static final long CACHE_BYTES = 64L * 1024 * 1024;

  /** How long the global consumer's fetches wait for new records (Kafka's default is 500 ms). */
  static final int GLOBAL_FETCH_MAX_WAIT_MS = 50;

  /**
   * How long a stream thread waits for input before it runs its wall-clock punctuators and commits
   * (Kafka's default is 100 ms): the ingest and the buckets look for a trickle every few tens of
   * milliseconds ({@link Freshness}), which a thread waiting 100 ms for records would delay.
   */
  static final long POLL_MS = 10;

  /** The stream threads' producers' first back-off before a retry (Kafka's default is 100 ms). */
  static final long RETRY_BACKOFF_MS = 5;

  /**
   * How long a stream thread's producer waits for the brokers in a commit (Kafka's default is 60
   * s): the longest broker outage a stream thread rides out with its tasks and their stores open.
   */
  static final long OUTAGE_WAIT_MS = 60L * 60 * 1000;

  private StreamsProperties() {}

  /** The properties, with the error handlers counting in a registry of their own. */
  public static Properties of(
      KafkaConfig kafka, StorageConfig storage, String bootstrapServers, String applicationServer) {
    return of(kafka, storage, bootstrapServers, applicationServer, new SimpleMeterRegistry());
  }

  /**
   * @param bootstrapServers the cluster to use (the embedded broker's address when none was set)
   * @param applicationServer host:port other instances reach this one's HTTP API at
   * @param meters where the error handlers count dead letters and dropped outputs
   */
  public static Properties of(
      KafkaConfig kafka,
      StorageConfig storage,
      String bootstrapServers,
      String applicationServer,
      MeterRegistry meters) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, kafka.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.CLIENT_ID_CONFIG, kafka.applicationId() + "-" + applicationServer);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, storage.stateDir().toAbsolutePath().toString());
    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) kafka.topicReplication());
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, CACHE_BYTES);
    // Two threads: measured 5.4k -> 8.7k events/s catch-up on the 2-core machine (benchmarks.md).
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    props.put("processing.exception.handler.global.enabled", true);
    props.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, InputTimestamps.class);
    // No record stops processing: what throws is dead-lettered, what cannot be written is
    // dropped only when it carries no count (ProcessingErrorHandler, ProductionErrorHandler).
    props.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ProcessingErrorHandler.class);
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, ProcessingErrorHandler.class);
    props.put(
        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, ProductionErrorHandler.class);
    props.put(
        StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
        new Topics(kafka.topicPrefix()).deadLetter().name());
    props.put(ErrorHandlerSettings.TOPIC_PREFIX, kafka.topicPrefix());
    props.put(ErrorHandlerSettings.METER_REGISTRY, meters);
    props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Freshness.COMMIT_INTERVAL.toMillis());
    props.put(StreamsConfig.POLL_MS_CONFIG, POLL_MS);
    // A task reads its partitions (an ingest task: one of sales.orders and one of
    // sales.activities) as records arrive, without waiting to have records of each: that wait
    // exists to interleave partitions by record timestamp, and SalesPulse's record timestamps are
    // the wall clock of the read (InputTimestamps), so there is nothing to interleave by. Kafka's
    // default (0) made tasks stall for the other partition's fetch during a catch-up and formatted
    // a log line per empty partition at every look, traced or not (benchmarks.md).
    props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    // After a commit, the first records of the next transaction are refused with
    // CONCURRENT_TRANSACTIONS until the commit's markers are written, a few milliseconds later:
    // retried after Kafka's 100 ms back-off (doubling to 1 s), every commit would hold the next
    // transaction's records, and a trickle's freshness, that long.
    props.put(
        StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), RETRY_BACKOFF_MS);
    // The global stores restore one partition at a time, and each partition that holds records
    // waited for the previous partition's prefetch to time out: 500 ms per partition of the
    // roster at every start (2 s of the 3-6 s start with 4 partitions, benchmarks.md).
    props.put(
        StreamsConfig.globalConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
        GLOBAL_FETCH_MAX_WAIT_MS);
    // Transactional state stores (KIP-892): a store holds only what its changelog has committed,
    // so after a crash under exactly-once the local state is kept, not wiped and rebuilt.
    props.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, true);
    // Queries read what the stores were given before it is committed, as they read the record
    // cache's dirty entries before the stores were transactional: a live floor's change is read
    // at once, not a commit later (Kafka's default, set so that it stays so).
    props.put(
        StreamsConfig.DEFAULT_INTERACTIVE_QUERY_ISOLATION_LEVEL_CONFIG,
        IsolationLevel.READ_UNCOMMITTED.name());
    // Static membership: a restarted instance takes its own tasks back at once instead of waiting
    // for the consumer group to expire the crashed member (45 s session timeout).
    props.put(
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
        groupInstanceId(kafka.applicationId(), applicationServer));
    // With the brokers away, a commit waits for them instead of timing out after 60 s: a timed-out
    // commit closes the tasks dirty and their stores, which then cannot answer queries (not even
    // stale ones) until the brokers are back. Records already wait as long (Kafka Streams sets
    // delivery.timeout.ms to its maximum under exactly-once). When the brokers return, the open
    // transaction is committed, or aborted by its coordinator (transaction timeout) and its records
    // processed again: exact either way.
    props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_BLOCK_MS_CONFIG), OUTAGE_WAIT_MS);
    props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class);
    props.put(BoundedRocksDbConfig.MEMORY_BYTES, storage.rocksDbMemoryMb() * 1024L * 1024L);
    props.putAll(kafka.properties());
    return props;
  }

  /**
   * The static member id of an instance: unique per application and advertised address, and the
   * same at every start of that instance. Kafka Streams appends each stream thread's index.
   */
  static String groupInstanceId(String applicationId, String applicationServer) {
    return applicationId + "-" + applicationServer.replaceAll("[^A-Za-z0-9._-]", "-");
  }
}
