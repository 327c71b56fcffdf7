package dev.salespulse.streams.testing;

import dev.salespulse.streams.config.ConfigLoader;
import dev.salespulse.streams.config.SalesPulseConfig;
import dev.salespulse.streams.events.RejectReason;
import dev.salespulse.streams.query.KpiQueryService;
import dev.salespulse.streams.query.KpiStores;
import dev.salespulse.streams.query.LeaderboardService;
import dev.salespulse.streams.query.Queries;
import dev.salespulse.streams.query.ScopeDirectory;
import dev.salespulse.streams.query.TableService;
import dev.salespulse.streams.query.TimeseriesService;
import dev.salespulse.streams.runtime.StreamsProperties;
import dev.salespulse.streams.stores.DayKey;
import dev.salespulse.streams.stores.EventIdHash;
import dev.salespulse.streams.stores.EventIdPage;
import dev.salespulse.streams.stores.EventIdPageSerde;
import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.stores.KpiTotalsSerde;
import dev.salespulse.streams.stores.StoreNames;
import dev.salespulse.streams.topology.Freshness;
import dev.salespulse.streams.topology.SalesPulseTopology;
import dev.salespulse.streams.topology.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The production topology under a {@link TopologyTestDriver}, run with the production Streams
 * properties (exactly-once, explicit naming) and a fixed wall clock. Events go in through the
 * contract's topics; results come out of the stores, the dead-letter topic and {@code
 * sales.kpi-changes}.
 */
public final class TopologyHarness implements AutoCloseable {
  /** The driver's wall clock at start: an hour after the builders' default event time. */
  public static final Instant WALL_CLOCK_START = Instant.parse("2026-11-26T15:00:00Z");

  private final SalesPulseConfig config;
  private final Path dataDir;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final TopologyTestDriver driver;
  private final TestInputTopic<byte[], byte[]> orders;
  private final TestInputTopic<byte[], byte[]> activities;
  private final TestInputTopic<String, String> reps;
  private final TestInputTopic<String, String> fxRates;
  private final TestInputTopic<String, String> targets;
  private final TestOutputTopic<byte[], byte[]> deadLetters;
  private final TestOutputTopic<String, String> kpiChanges;
  private final TestOutputTopic<String, String> feed;

  private TopologyHarness(
      SalesPulseConfig config, Instant wallClock, Path dataDir, int trickleEvents) {
    this.config = config;
    this.dataDir = dataDir;
    this.driver =
        new TopologyTestDriver(
            SalesPulseTopology.build(
                config.kafka(),
                config.reporting(),
                meters,
                config.kafka().topicPartitions(),
                config.kafka().topicPartitions(),
                trickleEvents),
            StreamsProperties.of(
                config.kafka(), config.storage(), "localhost:9092", "localhost:7070", meters),
            wallClock);
    Topics topics = new Topics(config.kafka().topicPrefix());
    ByteArraySerializer bytes = new ByteArraySerializer();
    orders = driver.createInputTopic(topics.orders().name(), bytes, bytes);
    activities = driver.createInputTopic(topics.activities().name(), bytes, bytes);
    StringSerializer text = new StringSerializer();
    reps = driver.createInputTopic(topics.reps().name(), text, text);
    fxRates = driver.createInputTopic(topics.fxRates().name(), text, text);
    targets = driver.createInputTopic(topics.targets().name(), text, text);
    deadLetters =
        driver.createOutputTopic(
            topics.deadLetter().name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    kpiChanges =
        driver.createOutputTopic(
            topics.kpiChanges().name(), new StringDeserializer(), new StringDeserializer());
    feed =
        driver.createOutputTopic(
            topics.feed().name(), new StringDeserializer(), new StringDeserializer());
  }

  /**
   * The setting that gives a harness production's record cache (it runs without one otherwise): the
   * stores' caches, and the ingest's buffer and open pages written at each commit through its cache
   * flush ({@code CommitHook}).
   */
  public static final Map<String, String> PRODUCTION_RECORD_CACHE =
      Map.of("SALESPULSE_KAFKA_STATESTORE_CACHE_MAX_BYTES", String.valueOf(64L * 1024 * 1024));

  /**
   * Production's record cache ({@link #PRODUCTION_RECORD_CACHE}), wall clock at {@link
   * #WALL_CLOCK_START}.
   */
  public static TopologyHarness startWithProductionCache() {
    return start(PRODUCTION_RECORD_CACHE, WALL_CLOCK_START);
  }

  /** UTC business days, wall clock at {@link #WALL_CLOCK_START}. */
  public static TopologyHarness start() {
    return start("UTC", WALL_CLOCK_START);
  }

  /**
   * @param timezone {@code SALESPULSE_TIMEZONE}
   * @param wallClock the driver's wall clock at start
   */
  public static TopologyHarness start(String timezone, Instant wallClock) {
    return start(Map.of("SALESPULSE_TIMEZONE", timezone), wallClock);
  }

  /**
   * @param env {@code SALESPULSE_*} settings; the data directory is always a fresh scratch one
   */
  public static TopologyHarness start(Map<String, String> env, Instant wallClock) {
    return start(env, wallClock, Freshness.TRICKLE_EVENTS);
  }

  /**
   * As {@link #start(Map, Instant)}, with every ingest flush a backlog's: the driver commits after
   * every record, so one event is otherwise always a trickle, whose buckets are put at once; here
   * they wait for the commit, as in a catch-up ({@code PendingBuckets}).
   */
  public static TopologyHarness startAsBacklog(Map<String, String> env, Instant wallClock) {
    return start(env, wallClock, 0);
  }

  private static TopologyHarness start(
      Map<String, String> env, Instant wallClock, int trickleEvents) {
    Path dataDir = TestDirectories.create("salespulse-topology-");
    Map<String, String> settings = new HashMap<>();
    // No record cache, so that every put reaches the stores at once and the tests see the stores'
    // own behaviour (window retention, segment expiry) record by record. The driver commits after
    // every input record anyway, flushing any cache; TopologyMatchesReferenceModelTest also runs
    // with production's cache. Without one, the ingest sends each record's sums on at once, and
    // the buckets put each delta at once.
    settings.put("SALESPULSE_KAFKA_STATESTORE_CACHE_MAX_BYTES", "0");
    settings.putAll(env);
    settings.put("SALESPULSE_DATA_DIR", dataDir.toString());
    return new TopologyHarness(
        ConfigLoader.load(settings, Map.of()), wallClock, dataDir, trickleEvents);
  }

  public SalesPulseConfig config() {
    return config;
  }

  // ---- input ----

  /** Sends orders, then lets the ingest flush its per-scope sums to the buckets. */
  public TopologyHarness send(OrderEventBuilder... events) {
    for (OrderEventBuilder event : events) {
      orders.pipeInput(utf8(event.key()), event.bytes(), event.recordTime());
    }
    flushDeltas();
    return this;
  }

  /** Sends activities, then lets the ingest flush its per-scope sums to the buckets. */
  public TopologyHarness send(ActivityEventBuilder... events) {
    for (ActivityEventBuilder event : events) {
      activities.pipeInput(utf8(event.key()), event.bytes(), event.recordTime());
    }
    flushDeltas();
    return this;
  }

  public void sendRawOrder(TestRecord<byte[], byte[]> record) {
    orders.pipeInput(record);
    flushDeltas();
  }

  public void sendRawActivity(TestRecord<byte[], byte[]> record) {
    activities.pipeInput(record);
    flushDeltas();
  }

  /**
   * Sends a scope delta straight to the buckets, as an ingest's flush does: marked as a trickle's
   * or not ({@code Freshness.TRICKLE_HEADER}). The driver commits after it.
   */
  public void sendDelta(String scope, KpiTotals delta, boolean trickle) {
    RecordHeaders headers = new RecordHeaders();
    if (trickle) {
      headers.add(Freshness.TRICKLE_HEADER, new byte[] {1});
    }
    driver
        .createInputTopic(
            config.kafka().applicationId() + "-scope-deltas-repartition",
            new StringSerializer(),
            KpiTotalsSerde.serde().serializer())
        .pipeInput(
            new TestRecord<>(scope, delta, headers, Instant.ofEpochMilli(delta.lastEventMs())));
  }

  /**
   * The ingest sums deltas per scope and minute and sends them on every {@link
   * Freshness#DELTA_FLUSH_INTERVAL} of wall-clock time: advance the clock by that much.
   */
  public void flushDeltas() {
    driver.advanceWallClockTime(Freshness.DELTA_FLUSH_INTERVAL);
  }

  /** Puts reps on the roster ({@code sales.reps}, keyed by repId). */
  public TopologyHarness roster(Rep... entries) {
    for (Rep rep : entries) {
      reps.pipeInput(rep.id(), rep.rosterJson(), WALL_CLOCK_START);
    }
    return this;
  }

  /** Publishes any value, valid or not, as the roster entry of {@code repId}. */
  public TopologyHarness rosterEntry(String repId, String json) {
    reps.pipeInput(repId, json, WALL_CLOCK_START);
    return this;
  }

  /**
   * Publishes a target on {@code sales.targets}, keyed {@code SCOPE:scopeId:PERIOD:METRIC} as the
   * contract says; a null value deletes it.
   */
  public TopologyHarness target(
      String scope, String scopeId, String period, String metric, String value) {
    String key = scope + ":" + scopeId + ":" + period + ":" + metric;
    String json =
        value == null
            ? null
            : "{\"scope\":\"%s\",\"scopeId\":\"%s\",\"period\":\"%s\",\"metric\":\"%s\",\"value\":%s}"
                .formatted(scope, scopeId, period, metric, value);
    targets.pipeInput(key, json, WALL_CLOCK_START);
    return this;
  }

  /** Publishes {@code {"currency":…,"perUnitInReporting":…}} on {@code sales.fx-rates}. */
  public TopologyHarness fxRate(String currency, String perUnitInReporting) {
    String json =
        new JsonObjectBuilder()
            .text("currency", currency)
            .raw("perUnitInReporting", perUnitInReporting)
            .compact();
    fxRates.pipeInput(currency, json, WALL_CLOCK_START);
    return this;
  }

  public void advanceWallClock(Duration duration) {
    driver.advanceWallClockTime(duration);
  }

  // ---- output ----

  /** Whether an ingest processor's id store (e.g. {@code StoreNames.ORDER_DEDUP}) holds the id. */
  public boolean remembersEventId(String storeName, String eventId) {
    EventIdHash hash = EventIdHash.of(eventId);
    try (KeyValueIterator<Long, EventIdPage> pages =
        driver.<Long, EventIdPage>getKeyValueStore(storeName).all()) {
      while (pages.hasNext()) {
        if (pages.next().value.holds(hash)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether the changelog of an ingest processor's id store received, since the last look, a page
   * holding the id: what a restore would rebuild the store from.
   */
  public boolean changelogRemembersEventId(String storeName, String eventId) {
    EventIdHash hash = EventIdHash.of(eventId);
    return changelogValues(storeName, EventIdPageSerde.serde().deserializer()).stream()
        .anyMatch(page -> page != null && page.holds(hash));
  }

  /**
   * The values the changelog of a store of the topology received since the last look: what a
   * restore would rebuild the store from.
   */
  public <V> List<V> changelogValues(String storeName, Deserializer<V> values) {
    return driver
        .createOutputTopic(
            config.kafka().applicationId() + "-" + storeName + "-changelog",
            new ByteArrayDeserializer(),
            values)
        .readValuesToList();
  }

  /** The keys a key-value store of the topology holds, in key order. */
  public <K> List<K> storedKeys(String storeName) {
    List<K> keys = new ArrayList<>();
    try (KeyValueIterator<K, Object> all = driver.<K, Object>getKeyValueStore(storeName).all()) {
      all.forEachRemaining(entry -> keys.add(entry.key));
    }
    return keys;
  }

  /** Revenue, orders and calls of a scope's day bucket, or null when nothing was counted in it. */
  public Kpis.Slice day(String scope, String date) {
    return Kpis.Slice.of(dayTotals(scope, date));
  }

  /** Every counter of a scope's day bucket, or null. */
  public KpiTotals dayTotals(String scope, String date) {
    return dayStore().get(new DayKey(LocalDate.parse(date), scope).toString());
  }

  /** Revenue, orders and calls of the minute bucket that starts at {@code minuteStart}, or null. */
  public Kpis.Slice minute(String scope, Instant minuteStart) {
    return Kpis.Slice.of(minuteTotals(scope, minuteStart));
  }

  /** Every counter of the minute bucket that starts at {@code minuteStart}, or null. */
  public KpiTotals minuteTotals(String scope, Instant minuteStart) {
    return minuteStore().fetch(scope, minuteStart.toEpochMilli());
  }

  /** Every minute bucket of a scope starting in [from, to], by start. */
  public List<KeyValue<Instant, Kpis.Slice>> minutes(String scope, Instant from, Instant to) {
    List<KeyValue<Instant, Kpis.Slice>> result = new ArrayList<>();
    try (WindowStoreIterator<KpiTotals> windows = minuteStore().fetch(scope, from, to)) {
      windows.forEachRemaining(
          w -> result.add(KeyValue.pair(Instant.ofEpochMilli(w.key), Kpis.Slice.of(w.value))));
    }
    return result;
  }

  /** Every day bucket in the store, by store key ({@code <date>|<scope>}), in key order. */
  public Map<String, KpiTotals> allDayTotals() {
    Map<String, KpiTotals> result = new TreeMap<>();
    try (KeyValueIterator<String, KpiTotals> all = dayStore().all()) {
      all.forEachRemaining(entry -> result.put(entry.key, entry.value));
    }
    return result;
  }

  /** Every minute bucket in the store, by {@code <minute start instant>|<scope>}, in key order. */
  public Map<String, KpiTotals> allMinuteTotals() {
    Map<String, KpiTotals> result = new TreeMap<>();
    try (KeyValueIterator<Windowed<String>, KpiTotals> all = minuteStore().all()) {
      all.forEachRemaining(
          entry ->
              result.put(
                  Instant.ofEpochMilli(entry.key.window().start()) + "|" + entry.key.key(),
                  entry.value));
    }
    return result;
  }

  public List<TestRecord<byte[], byte[]>> deadLetters() {
    return deadLetters.readRecordsToList();
  }

  public List<TestRecord<String, String>> kpiChanges() {
    return kpiChanges.readRecordsToList();
  }

  /** What reached {@code sales.feed} since the last call (large deals, keyed by orderId). */
  public List<TestRecord<String, String>> feed() {
    return feed.readRecordsToList();
  }

  /** {@code salespulse.events.rejected{reason}}. */
  public double rejected(RejectReason reason) {
    return meters.get("salespulse.events.rejected").tag("reason", reason.code()).counter().count();
  }

  /** {@code salespulse.events.late}. */
  public double late() {
    return meters.get("salespulse.events.late").counter().count();
  }

  public double duplicates() {
    return meters.get("salespulse.events.duplicate").counter().count();
  }

  /** {@code salespulse.events.rekeyed}: input records moved to their key's partition. */
  public double rekeyed() {
    return meters.get("salespulse.events.rekeyed").counter().count();
  }

  public double processed(String topic) {
    return meters.get("salespulse.events.processed").tag("topic", topic).counter().count();
  }

  /** Every query over this driver's stores, the clock stopped at {@code now}. */
  public Queries queries(Instant now) {
    return Queries.local(
        config.reporting(),
        config.http().queryCostLimit(),
        stores(),
        Clock.fixed(now, ZoneOffset.UTC));
  }

  /** The query service over this driver's stores, its clock stopped at {@code now}. */
  public KpiQueryService queryService(Instant now) {
    return queries(now).kpis();
  }

  /** The leaderboards over this driver's stores, the clock stopped at {@code now}. */
  public LeaderboardService leaderboards(Instant now) {
    return queries(now).leaderboard();
  }

  /** The time series over this driver's stores, the clock stopped at {@code now}. */
  public TimeseriesService timeseries(Instant now) {
    return queries(now).timeseries();
  }

  /** The scope directory over this driver's stores, the clock stopped at {@code now}. */
  public ScopeDirectory scopes(Instant now) {
    return queries(now).scopes();
  }

  /** The manager's tables over this driver's stores, the clock stopped at {@code now}. */
  public TableService tables(Instant now) {
    return queries(now).table();
  }

  public KpiStores stores() {
    return new KpiStores(
        () -> driver.getKeyValueStore(StoreNames.KPI_DAY),
        () -> driver.getWindowStore(StoreNames.KPI_MINUTE),
        () -> driver.getKeyValueStore(StoreNames.REPS),
        () -> driver.getKeyValueStore(StoreNames.TARGETS),
        () -> driver.getWindowStore(StoreNames.REVENUE_PROFILE),
        () -> driver.getKeyValueStore(StoreNames.CUSTOMER_FIRST_ORDER),
        () -> driver.getKeyValueStore(StoreNames.CUSTOMER_DAYS),
        () -> false);
  }

  private KeyValueStore<String, KpiTotals> dayStore() {
    return driver.getKeyValueStore(StoreNames.KPI_DAY);
  }

  private WindowStore<String, KpiTotals> minuteStore() {
    return driver.getWindowStore(StoreNames.KPI_MINUTE);
  }

  /** The value of the last header of that name, as UTF-8 text; null when absent. */
  public static String header(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  public static byte[] utf8(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      driver.close();
    } finally {
      TestDirectories.delete(dataDir);
    }
  }
}
