package dev.salespulse.streams.topology;

import dev.salespulse.streams.config.ConfigLoader;
import dev.salespulse.streams.config.SalesPulseConfig;
import dev.salespulse.streams.runtime.StreamsProperties;
import dev.salespulse.streams.stores.DaySums;
import dev.salespulse.streams.stores.EventIdPage;
import dev.salespulse.streams.stores.EventIdPageSerde;
import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.stores.OpenOrderSerde;
import dev.salespulse.streams.stores.OrderPageSerde;
import dev.salespulse.streams.stores.StoreNames;
import dev.salespulse.streams.stores.SumLimits;
import dev.salespulse.streams.testing.TestDirectories;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * An {@link OrderProcessor} on a mock context with in-memory stores: the ingest's buffer, flush and
 * commit requests seen from outside, without a broker. Nothing commits on a mock context, so
 * nothing flushes but the buffer's own check ({@link #advance}).
 */
final class OrderIngestFixture {
  static final Instant AT = Instant.parse("2026-11-26T14:03:22Z");

  final MockProcessorContext<String, Routed> context;
  final KeyValueStore<Long, EventIdPage> idPages;
  final OrderProcessor processor;

  OrderIngestFixture() {
    SalesPulseConfig config =
        ConfigLoader.load(
            Map.of("SALESPULSE_DATA_DIR", TestDirectories.create("ingest-").toString()), Map.of());
    context =
        new MockProcessorContext<>(
            StreamsProperties.of(config.kafka(), config.storage(), "localhost:9092", "localhost:0"),
            new TaskId(0, 0),
            config.storage().stateDir().toFile());
    context.setCurrentSystemTimeMs(AT.plusSeconds(60).toEpochMilli());
    context.setRecordMetadata("sales.orders", 0, 0);
    idPages = store(StoreNames.ORDER_DEDUP, Serdes.Long(), EventIdPageSerde.serde());
    store(StoreNames.ORDERS, Serdes.String(), OpenOrderSerde.serde());
    store(StoreNames.ORDER_PAGES, Serdes.Long(), OrderPageSerde.serde());
    store(StoreNames.ORDER_COMMIT_MARKER, Serdes.String(), Serdes.ByteArray());
    store(StoreNames.REPS, Serdes.String(), Serdes.String());
    store(StoreNames.FX_RATES, Serdes.String(), Serdes.String());
    store(StoreNames.ORDER_DAY_SUMS, Serdes.Long(), DaySums.serde());
    processor =
        new OrderProcessor(
            config.reporting(),
            new TopologyMetrics(new SimpleMeterRegistry()),
            new Placement("sales.orders", "salespulse-orders-rekeyed-repartition", 1),
            SumLimits.perTaskDay(1, config.reporting().minuteRetention()),
            Freshness.TRICKLE_EVENTS);
  }

  void place(String eventId, String orderId, String amount) {
    processor.process(new Record<>(null, order(eventId, orderId, amount), AT.toEpochMilli()));
  }

  /** Lets the wall clock move on by {@code by} and runs the buffer's check, as a stream thread. */
  void advance(Duration by) {
    context.setCurrentSystemTimeMs(context.currentSystemTimeMs() + by.toMillis());
    LongConsumer check =
        context.scheduledPunctuators().stream()
                .filter(p -> p.getInterval().equals(Freshness.TRICKLE_CHECK_INTERVAL))
                .reduce((first, last) -> last)
                .orElseThrow()
                .getPunctuator()
            ::punctuate;
    check.accept(context.currentSystemTimeMs());
  }

  /** Whatever the buffer holds goes out: the check runs a whole flush interval after the last. */
  void flush() {
    advance(IngestProcessor.FLUSH_INTERVAL);
  }

  /** What the task's commit runs first: the open pages put, the buffer sent on. */
  void commit() {
    processor.beforeCommit(context.currentSystemTimeMs());
  }

  KpiTotals forwardedTo(String scope) {
    return context.forwarded().stream()
        .map(MockProcessorContext.CapturedForward::record)
        .filter(r -> scope.equals(r.key()))
        .map(r -> ((Routed.Delta) r.value()).totals())
        .reduce(KpiTotals::plus)
        .orElseThrow();
  }

  <K, V> KeyValueStore<K, V> store(String name, Serde<K> keys, Serde<V> values) {
    KeyValueStore<K, V> store =
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values)
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    return store;
  }

  static byte[] order(String eventId, String orderId, String amount) {
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
