package dev.salespulse.streams.topology;

import dev.salespulse.streams.config.KafkaConfig;
import dev.salespulse.streams.config.ReportingConfig;
import dev.salespulse.streams.events.EventParser;
import dev.salespulse.streams.stores.CustomerOrderValue;
import dev.salespulse.streams.stores.DaySums;
import dev.salespulse.streams.stores.EventIdPageSerde;
import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.stores.KpiTotalsSerde;
import dev.salespulse.streams.stores.OpenOrderSerde;
import dev.salespulse.streams.stores.OrderPageSerde;
import dev.salespulse.streams.stores.Retention;
import dev.salespulse.streams.stores.StoreNames;
import dev.salespulse.streams.stores.SumLimits;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The KPI topology, a pure function of the configuration. Read top to bottom it is the data's way:
 * validate → dedupe → enrich → fan out to scopes → repartition by scope → minute and day buckets →
 * {@code sales.kpi-changes}; invalid input → {@code sales.dead-letter}.
 *
 * <pre>
 * sales.orders     ─ orders-ingest     ─┐ (dead letters) → sales.dead-letter
 * sales.activities ─ activities-ingest ─┤
 *   (records outside their orderId's / repId's partition go round once through
 *    orders-rekeyed-repartition / activities-rekeyed-repartition, read by the same ingest)
 *                                       └ scope deltas → [scope-deltas repartition]
 *                                            → kpi-buckets (kpi-minute-store, kpi-day-store,
 *                                                           revenue-profile-store)
 *                                            → sales.kpi-changes
 *   placed orders of customers → [customer-orders repartition] → customers
 *                                (customer-first-order-store, customer-days-store)
 *   placed orders ≥ SALESPULSE_FEED_LARGE_DEAL → sales.feed
 *   orders-ingest keeps orders-store (placed orders) and order-pages-store (their time index)
 * sales.reps, sales.fx-rates, sales.targets → global stores (reps-store, fx-rates-store,
 *                                            targets-store)
 * </pre>
 *
 * Every operator, store and internal topic is named; renaming one loses its state.
 */
public final class SalesPulseTopology {
  static final String SCOPE_DELTAS = "scope-deltas";
  static final String CUSTOMER_ORDERS = "customer-orders";

  private SalesPulseTopology() {}

  /**
   * The topics the KPI stores are built from (Kafka Streams' names for the two repartition topics)
   * with their partition counts, which Kafka Streams takes from the input topics: {@code
   * scope-deltas} has as many as the larger of the two inputs, {@code customer-orders} as many as
   * {@code sales.orders}.
   */
  public static Map<String, Integer> storeSourceTopics(
      String applicationId, int orderPartitions, int activityPartitions) {
    return Map.of(
        applicationId + "-" + SCOPE_DELTAS + "-repartition",
        Math.max(orderPartitions, activityPartitions),
        applicationId + "-" + CUSTOMER_ORDERS + "-repartition",
        orderPartitions);
  }

  /** The topology for input topics of {@code SALESPULSE_TOPIC_PARTITIONS} partitions each. */
  public static Topology build(KafkaConfig kafka, ReportingConfig reporting, MeterRegistry meters) {
    return build(kafka, reporting, meters, kafka.topicPartitions(), kafka.topicPartitions());
  }

  /**
   * @param orderPartitions the partitions {@code sales.orders} (and its rekeyed topic, {@link
   *     Topics#rekeyedOrders}) has: the order-ingest tasks whose sums meet in one bucket, which
   *     sets how far each may go ({@link SumLimits}), and the partition each order belongs in
   *     ({@link Placement})
   * @param activityPartitions the partitions {@code sales.activities} (and its rekeyed topic) has
   */
  public static Topology build(
      KafkaConfig kafka,
      ReportingConfig reporting,
      MeterRegistry meters,
      int orderPartitions,
      int activityPartitions) {
    return build(
        kafka, reporting, meters, orderPartitions, activityPartitions, Freshness.TRICKLE_EVENTS);
  }

  /**
   * @param trickleEvents the most events since an ingest's last flush that still count as a
   *     trickle, sent on at once and marked ({@link Freshness#TRICKLE_EVENTS}); with 0 every flush
   *     is a backlog's, whose buckets are put once per commit (for tests through a driver that
   *     commits after every record, where one event is always a trickle)
   */
  public static Topology build(
      KafkaConfig kafka,
      ReportingConfig reporting,
      MeterRegistry meters,
      int orderPartitions,
      int activityPartitions,
      int trickleEvents) {
    long dayCap = SumLimits.perTaskDay(orderPartitions, reporting.minuteRetention());
    Topics topics = new Topics(kafka.topicPrefix());
    TopologyMetrics metrics = new TopologyMetrics(meters);
    metrics.mayDropOutputsOf(
        List.of(topics.deadLetter().name(), topics.feed().name(), topics.kpiChanges().name()));
    StreamsBuilder builder = new StreamsBuilder();

    addGlobalRawStore(builder, StoreNames.REPS, topics.reps(), "reps");
    addGlobalRawStore(builder, StoreNames.FX_RATES, topics.fxRates(), "fx-rates");
    addGlobalRawStore(builder, StoreNames.TARGETS, topics.targets(), "targets");
    builder.addStateStore(dedupStore(StoreNames.ORDER_DEDUP));
    builder.addStateStore(dedupStore(StoreNames.ACTIVITY_DEDUP));
    builder.addStateStore(uncachedKeyValueStore(StoreNames.ORDERS, OpenOrderSerde.serde()));
    builder.addStateStore(orderPagesStore());
    builder.addStateStore(commitMarker(StoreNames.ORDER_COMMIT_MARKER));
    builder.addStateStore(commitMarker(StoreNames.ACTIVITY_COMMIT_MARKER));
    builder.addStateStore(commitMarker(StoreNames.BUCKET_COMMIT_MARKER));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(StoreNames.ORDER_DAY_SUMS),
                Serdes.Long(),
                DaySums.serde())
            .withCachingEnabled());
    builder.addStateStore(minuteStore(reporting.minuteRetention()));
    builder.addStateStore(dayStore());
    builder.addStateStore(profileStore());
    builder.addStateStore(uncachedKeyValueStore(StoreNames.CUSTOMER_FIRST_ORDER, Serdes.Long()));
    builder.addStateStore(uncachedKeyValueStore(StoreNames.CUSTOMER_DAYS, Serdes.String()));

    Topic<String, byte[]> rekeyedOrders = Topics.rekeyedOrders(kafka.applicationId());
    Topic<String, byte[]> rekeyedActivities = Topics.rekeyedActivities(kafka.applicationId());
    Placement orderPlacement =
        new Placement(topics.orders().name(), rekeyedOrders.name(), orderPartitions);
    Placement activityPlacement =
        new Placement(topics.activities().name(), rekeyedActivities.name(), activityPartitions);

    KStream<String, Routed> orders =
        builder.stream(
                List.of(topics.orders().name(), rekeyedOrders.name()),
                topics.orders().consumed("orders-source"))
            .process(
                () -> new OrderProcessor(reporting, metrics, orderPlacement, dayCap, trickleEvents),
                Named.as("orders-ingest"),
                StoreNames.ORDER_DEDUP,
                StoreNames.ORDERS,
                StoreNames.ORDER_PAGES,
                StoreNames.ORDER_COMMIT_MARKER,
                StoreNames.ORDER_DAY_SUMS);
    KStream<String, Routed> activities =
        builder.stream(
                List.of(topics.activities().name(), rekeyedActivities.name()),
                topics.activities().consumed("activities-source"))
            .process(
                () -> new ActivityProcessor(reporting, metrics, activityPlacement, trickleEvents),
                Named.as("activities-ingest"),
                StoreNames.ACTIVITY_DEDUP,
                StoreNames.ACTIVITY_COMMIT_MARKER);

    moveToTheirPartitions(orders, rekeyedOrders, "orders");
    moveToTheirPartitions(activities, rekeyedActivities, "activities");

    orders
        .filter((key, value) -> value instanceof Routed.CustomerOrder, Named.as("customer-orders"))
        .mapValues(
            value -> ((Routed.CustomerOrder) value).value(), Named.as("customer-orders-unwrap"))
        .repartition(
            Repartitioned.with(Serdes.String(), CustomerOrderValue.serde())
                .withName(CUSTOMER_ORDERS))
        .process(
            () -> new CustomerProcessor(reporting.timezone()),
            Named.as("customers"),
            StoreNames.CUSTOMER_FIRST_ORDER,
            StoreNames.CUSTOMER_DAYS);

    orders
        .filter((key, value) -> value instanceof Routed.FeedItem, Named.as("large-deals"))
        .mapValues(value -> ((Routed.FeedItem) value).json(), Named.as("large-deals-unwrap"))
        .to(topics.feed().name(), topics.feed().produced("feed-sink"));

    KStream<String, KpiTotals> deltas =
        routeDeadLetters(orders, topics, "orders")
            .merge(routeDeadLetters(activities, topics, "activities"), Named.as("merge-deltas"));

    deltas
        .repartition(
            Repartitioned.with(Serdes.String(), KpiTotalsSerde.serde()).withName(SCOPE_DELTAS))
        .process(
            () ->
                new BucketProcessor(
                    reporting.timezone(), reporting.minuteRetention(), reporting.currencyDigits()),
            Named.as("kpi-buckets"),
            StoreNames.KPI_MINUTE,
            StoreNames.KPI_DAY,
            StoreNames.REVENUE_PROFILE,
            StoreNames.BUCKET_COMMIT_MARKER)
        .to(topics.kpiChanges().name(), topics.kpiChanges().produced("kpi-changes-sink"));

    return builder.build();
  }

  /**
   * Sends the input records an ingest found outside their key's partition to its rekeyed topic,
   * which the same ingest reads ({@link Placement}).
   */
  private static void moveToTheirPartitions(
      KStream<String, Routed> routed, Topic<String, byte[]> rekeyed, String source) {
    routed
        .filter((key, value) -> value instanceof Routed.Rekeyed, Named.as(source + "-misplaced"))
        .mapValues(
            value -> ((Routed.Rekeyed) value).value(), Named.as(source + "-misplaced-unwrap"))
        // Partitioned here, not by the producer's partitioner (which settings may replace), so
        // that a moved record lands where Placement checks it belongs.
        .to(
            rekeyed.name(),
            rekeyed
                .produced(source + "-rekeyed-sink")
                .withStreamPartitioner(
                    (topic, key, value, partitions) ->
                        Optional.of(Set.of(Placement.partitionOf(key, partitions)))));
  }

  /** Sends rejected records to the dead-letter topic and returns the scope deltas. */
  private static KStream<String, KpiTotals> routeDeadLetters(
      KStream<String, Routed> routed, Topics topics, String source) {
    var branches =
        routed
            .split(Named.as(source + "-"))
            .branch((key, value) -> value instanceof Routed.Rejected, Branched.as("rejected"))
            .branch((key, value) -> value instanceof Routed.Delta, Branched.as("counted"))
            .noDefaultBranch();
    branches
        .get(source + "-rejected")
        .map(
            (key, value) -> {
              Routed.Rejected rejected = (Routed.Rejected) value;
              return KeyValue.pair(rejected.key(), rejected.value());
            },
            Named.as(source + "-dead-letter-unwrap"))
        .to(topics.deadLetter().name(), topics.deadLetter().produced(source + "-dead-letter-sink"));
    return branches
        .get(source + "-counted")
        .mapValues(value -> ((Routed.Delta) value).totals(), Named.as(source + "-delta-unwrap"));
  }

  /**
   * An ingest processor's hook into its task's commits ({@link CommitHook}): one entry in the
   * record cache, nothing to restore.
   */
  private static StoreBuilder<?> commitMarker(String name) {
    return Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
        .withCachingEnabled()
        .withLoggingDisabled();
  }

  /**
   * Pages of event ids (opened-at time → up to 64 id hashes with the time each was counted), in
   * arrival order; see {@link EventIds}. Not cached: the ingest puts its open page itself, once per
   * commit, from its {@link CommitHook}, and a put into an uncached store goes into the transaction
   * being committed whatever order the task flushes its caches in.
   */
  private static StoreBuilder<?> dedupStore(String name) {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(name), Serdes.Long(), EventIdPageSerde.serde())
        .withCachingDisabled();
  }

  /**
   * The time index of the orders store: pages of orderIds (opened-at time → up to 64 ids), written
   * once per commit as the id pages are, and not cached for the same reason; see {@link
   * OrderExpiry}.
   */
  private static StoreBuilder<?> orderPagesStore() {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(StoreNames.ORDER_PAGES),
            Serdes.Long(),
            OrderPageSerde.serde())
        .withCachingDisabled();
  }

  /**
   * The minute, day and revenue-profile buckets are not cached: the bucket processor holds what
   * changed since the last commit in memory and puts it from its {@link CommitHook} ({@link
   * PendingBuckets}), which goes into the transaction being committed only in a store without a
   * record cache.
   */
  private static StoreBuilder<?> minuteStore(Duration retention) {
    Serde<KpiTotals> serde = KpiTotalsSerde.serde();
    // The store expires segments against the newest timestamp ever put, which may be up to
    // MAX_FUTURE ahead of the wall clock; BucketProcessor applies the real retention itself.
    return Stores.windowStoreBuilder(
            Stores.persistentWindowStore(
                StoreNames.KPI_MINUTE,
                retention.plus(EventParser.MAX_FUTURE),
                BucketProcessor.MINUTE,
                false),
            Serdes.String(),
            serde)
        .withCachingDisabled();
  }

  /**
   * A store whose keys are written about once each (an order, a customer's first order, a customer
   * on a day), so a record cache could not coalesce its writes. It is left out of the cache on
   * purpose: its clean entries would fill the cache that all of a thread's stores share, and the
   * cache then makes room for each put by evicting the oldest entry of the store being written,
   * which for the small, hot stores (when they were cached: the buckets, the delta buffers and the
   * id pages) is a dirty entry flushed to RocksDB and the changelog long before its commit
   * (measured: an eighth of the stream threads' time, docs/benchmarks.md).
   */
  private static <V> StoreBuilder<?> uncachedKeyValueStore(String name, Serde<V> values) {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(name), Serdes.String(), values)
        .withCachingDisabled();
  }

  private static StoreBuilder<?> profileStore() {
    return Stores.windowStoreBuilder(
            Stores.persistentWindowStore(
                StoreNames.REVENUE_PROFILE,
                Retention.PROFILE.plus(EventParser.MAX_FUTURE),
                Retention.PROFILE_BUCKET,
                false),
            Serdes.String(),
            Serdes.Long())
        .withCachingDisabled();
  }

  private static StoreBuilder<?> dayStore() {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(StoreNames.KPI_DAY),
            Serdes.String(),
            KpiTotalsSerde.serde())
        .withCachingDisabled();
  }

  private static void addGlobalRawStore(
      StreamsBuilder builder, String storeName, Topic<String, String> topic, String name) {
    StoreBuilder<KeyValueStore<String, String>> store =
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(storeName), Serdes.String(), Serdes.String())
            .withLoggingDisabled();
    builder.addGlobalStore(
        store, topic.name(), topic.consumed(name + "-source"), rawStoreUpdater(storeName));
  }

  /** Keeps the latest raw JSON per key; a null value deletes (compacted-topic semantics). */
  private static ProcessorSupplier<String, String, Void, Void> rawStoreUpdater(String storeName) {
    return () ->
        new Processor<>() {
          private KeyValueStore<String, String> store;

          @Override
          public void init(org.apache.kafka.streams.processor.api.ProcessorContext<Void, Void> c) {
            store = c.getStateStore(storeName);
          }

          @Override
          public void process(Record<String, String> record) {
            if (record.key() == null) {
              return;
            }
            if (record.value() == null) {
              store.delete(record.key());
            } else {
              store.put(record.key(), record.value());
            }
          }
        };
  }
}
