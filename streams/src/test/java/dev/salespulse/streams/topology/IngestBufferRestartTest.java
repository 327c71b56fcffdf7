package dev.salespulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.config.ConfigLoader;
import dev.salespulse.streams.config.SalesPulseConfig;
import dev.salespulse.streams.runtime.StreamsProperties;
import dev.salespulse.streams.stores.DaySums;
import dev.salespulse.streams.stores.EventIdPage;
import dev.salespulse.streams.stores.EventIdPageSerde;
import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.stores.KpiTotalsSerde;
import dev.salespulse.streams.stores.OpenOrderSerde;
import dev.salespulse.streams.stores.OrderPageSerde;
import dev.salespulse.streams.stores.Scope;
import dev.salespulse.streams.stores.ScopeKind;
import dev.salespulse.streams.stores.StoreNames;
import dev.salespulse.streams.stores.SumLimits;
import dev.salespulse.streams.testing.TestDirectories;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A task that starts again (on another instance, or revived after an error) finds the sums its
 * predecessor had not sent on yet in the restored buffer store, and sends them with its own.
 */
class IngestBufferRestartTest {
  private static final Instant AT = Instant.parse("2026-11-26T14:03:22Z");
  private static final long MINUTE = Instant.parse("2026-11-26T14:03:00Z").toEpochMilli();
  private static final List<Scope> SCOPES =
      List.of(
          Scope.COMPANY,
          Scope.of(ScopeKind.REGION, "unassigned"),
          Scope.of(ScopeKind.TEAM, "unassigned"),
          Scope.of(ScopeKind.REP, "rep-1"),
          Scope.of(ScopeKind.CHANNEL, "web"));

  private MockProcessorContext<String, Routed> context;
  private KeyValueStore<String, KpiTotals> buffer;
  private KeyValueStore<Long, EventIdPage> idPages;
  private OrderProcessor processor;

  @BeforeEach
  void setUp() {
    SalesPulseConfig config =
        ConfigLoader.load(
            Map.of("SALESPULSE_DATA_DIR", TestDirectories.create("ingest-restart-").toString()),
            Map.of());
    context =
        new MockProcessorContext<>(
            StreamsProperties.of(config, "localhost:9092", "localhost:0"),
            new TaskId(0, 0),
            config.stateDir().toFile());
    context.setCurrentSystemTimeMs(AT.plusSeconds(60).toEpochMilli());
    context.setRecordMetadata("sales.orders", 0, 0);
    idPages = store(StoreNames.ORDER_DEDUP, Serdes.Long(), EventIdPageSerde.serde());
    store(StoreNames.ORDERS, OpenOrderSerde.serde());
    store(StoreNames.ORDER_PAGES, Serdes.Long(), OrderPageSerde.serde());
    buffer = store(StoreNames.ORDER_DELTAS, KpiTotalsSerde.serde());
    store(StoreNames.REPS, Serdes.String());
    store(StoreNames.FX_RATES, Serdes.String());
    store(StoreNames.ORDER_DAY_SUMS, Serdes.Long(), DaySums.serde());
    processor =
        new OrderProcessor(
            config,
            new TopologyMetrics(new SimpleMeterRegistry()),
            SumLimits.perTaskDay(1, config.minuteRetention()));
  }

  @Test
  void sendsTheSumsPendingAtTheRestartTogetherWithTheNewEvents() {
    buffer.put(
        PendingKey.encode(MINUTE, SCOPES), KpiTotals.placedOrder(10_000, 1, AT.toEpochMilli()));

    processor.init(context);
    processor.process(new Record<>(null, order("e-2", "o-2", "25.00"), AT.toEpochMilli()));
    flush();

    KpiTotals company = forwardedTo("company:all");
    assertThat(company.revenueMinor()).isEqualTo(12_500);
    assertThat(company.orders()).isEqualTo(2);
    assertThat(forwardedTo("rep:rep-1").revenueMinor()).isEqualTo(12_500);
    assertThat(buffer.approximateNumEntries()).isZero();
  }

  @Test
  void aSecondInitStartsFromTheStoreNotFromWhatTheProcessorHeldBefore() {
    processor.init(context);
    processor.process(new Record<>(null, order("e-1", "o-1", "100.00"), AT.toEpochMilli()));
    buffer.delete(PendingKey.encode(MINUTE, SCOPES)); // as a changelog without the update reads

    processor.init(context);
    flush();

    assertThat(context.forwarded()).isEmpty();
  }

  @Test
  void anEventIdCountedBeforeARestartIsStillADuplicateAfterIt() {
    processor.init(context);
    processor.process(new Record<>(null, order("e-1", "o-1", "100.00"), AT.toEpochMilli()));
    flush();
    context.resetForwards();

    processor.init(context);
    processor.process(new Record<>(null, order("e-1", "o-1", "100.00"), AT.toEpochMilli()));
    flush();

    assertThat(context.forwarded()).isEmpty();
  }

  @Test
  void anEventIdTheStoreDoesNotHoldIsForgottenOnInit() {
    processor.init(context);
    processor.process(new Record<>(null, order("e-1", "o-1", "100.00"), AT.toEpochMilli()));
    flush();
    context.resetForwards();
    // As after an aborted transaction: the restored store lacks the page, so must the lookups.
    try (var pages = idPages.all()) {
      pages.forEachRemaining(page -> idPages.delete(page.key));
    }
    store(StoreNames.ORDERS, OpenOrderSerde.serde());

    processor.init(context);
    processor.process(new Record<>(null, order("e-1", "o-1", "100.00"), AT.toEpochMilli()));
    flush();

    assertThat(forwardedTo("company:all").revenueMinor()).isEqualTo(10_000);
  }

  private void flush() {
    context.scheduledPunctuators().stream()
        .filter(p -> p.getInterval().equals(IngestProcessor.FLUSH_INTERVAL))
        .reduce((first, last) -> last)
        .orElseThrow()
        .getPunctuator()
        .punctuate(context.currentSystemTimeMs());
  }

  private KpiTotals forwardedTo(String scope) {
    return context.forwarded().stream()
        .map(MockProcessorContext.CapturedForward::record)
        .filter(r -> scope.equals(r.key()))
        .map(r -> ((Routed.Delta) r.value()).totals())
        .reduce(KpiTotals::plus)
        .orElseThrow();
  }

  private <V> KeyValueStore<String, V> store(String name, Serde<V> values) {
    return store(name, Serdes.String(), values);
  }

  private <K, V> KeyValueStore<K, V> store(String name, Serde<K> keys, Serde<V> values) {
    KeyValueStore<K, V> store =
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values)
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    return store;
  }

  private static byte[] order(String eventId, String orderId, String amount) {
    return ("{\"eventId\":\""
            + eventId
            + "\",\"type\":\"ORDER_PLACED\",\"orderId\":\""
            + orderId
            + "\",\"occurredAt\":\""
            + AT
            + "\",\"repId\":\"rep-1\",\"channel\":\"web\",\"currency\":\"USD\",\"amount\":"
            + amount
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
