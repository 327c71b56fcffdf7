package dev.salespulse.streams.topology;

import dev.salespulse.streams.config.ConfigLoader;
import dev.salespulse.streams.config.SalesPulseConfig;
import dev.salespulse.streams.events.EventParser;
import dev.salespulse.streams.runtime.StreamsProperties;
import dev.salespulse.streams.stores.DaySums;
import dev.salespulse.streams.stores.EventIdPageSerde;
import dev.salespulse.streams.stores.OpenOrderSerde;
import dev.salespulse.streams.stores.OrderPageSerde;
import dev.salespulse.streams.stores.StoreNames;
import dev.salespulse.streams.stores.SumLimits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one order costs on the ingest path, without Kafka: JSON parsing alone, and the whole order
 * processor (parse, event-id store, orders store, roster lookup, one buffer update for the order's
 * scopes) over real RocksDB stores without record cache or changelog. Each invocation is a new
 * order (unique ids), so dedup never short-circuits. Run as docs/benchmarks.md says; not part of
 * the test run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IngestBenchmark {
  private static final Instant NOW = Instant.parse("2026-11-26T15:00:00Z");

  private Path stateDir;
  private OrderProcessor processor;
  private MockProcessorContext<String, Routed> context;
  private long sequence;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    stateDir = Files.createTempDirectory("ingest-bench");
    SalesPulseConfig config = ConfigLoader.load(Map.of(), Map.of());
    context =
        new MockProcessorContext<>(
            StreamsProperties.of(config.kafka(), config.storage(), "localhost:9092", "localhost:0"),
            new TaskId(0, 0),
            stateDir.toFile());
    context.setCurrentSystemTimeMs(NOW.toEpochMilli());
    context.setRecordMetadata("sales.orders", 0, 0);
    add(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.ORDER_DEDUP),
                Serdes.Long(),
                EventIdPageSerde.serde())
            .withLoggingDisabled()
            .build());
    add(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.ORDERS),
                Serdes.String(),
                OpenOrderSerde.serde())
            .withLoggingDisabled()
            .build());
    add(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.ORDER_PAGES),
                Serdes.Long(),
                OrderPageSerde.serde())
            .withLoggingDisabled()
            .build());
    add(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(StoreNames.ORDER_COMMIT_MARKER),
                Serdes.String(),
                Serdes.ByteArray())
            .withLoggingDisabled()
            .build());
    for (String name : new String[] {StoreNames.REPS, StoreNames.FX_RATES}) {
      add(
          Stores.keyValueStoreBuilder(
                  Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.String())
              .withLoggingDisabled()
              .build());
    }
    add(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(StoreNames.ORDER_DAY_SUMS),
                Serdes.Long(),
                DaySums.serde())
            .withLoggingDisabled()
            .build());
    processor =
        new OrderProcessor(
            config.reporting(),
            new TopologyMetrics(new SimpleMeterRegistry()),
            new Placement("sales.orders", "salespulse-orders-rekeyed-repartition", 1),
            SumLimits.perTaskDay(1, config.reporting().minuteRetention()),
            Freshness.TRICKLE_EVENTS);
    processor.init(context);
  }

  private void add(StateStore store) {
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
  }

  private byte[] nextOrder() {
    long n = ++sequence;
    return ("{\"eventId\":\"e-"
            + n
            + "\",\"type\":\"ORDER_PLACED\",\"orderId\":\"o-"
            + n
            + "\",\"occurredAt\":\"2026-11-26T14:03:22Z\",\"repId\":\"rep-"
            + (n % 60)
            + "\",\"customerId\":\"c-"
            + (n % 5000)
            + "\",\"channel\":\"phone\",\"currency\":\"USD\",\"amount\":1250.50,\"lines\":["
            + "{\"sku\":\"SKU-1\",\"category\":\"hardware\",\"quantity\":2,\"unitPrice\":625.25}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public Object parseOnly() throws Exception {
    return EventParser.order(nextOrder(), NOW);
  }

  @Benchmark
  public int processOrder() {
    processor.process(new Record<>(null, nextOrder(), NOW.toEpochMilli()));
    int forwarded = context.forwarded().size();
    context.resetForwards();
    return forwarded;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (var paths = Files.walk(stateDir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
