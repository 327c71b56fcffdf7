package dev.salespulse.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salespulse.streams.topology.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * {@code salespulse bench --baseline}: a tuned 2-KPI topology, the yardstick SalesPulse's
 * throughput is compared with, run through the same harness as SalesPulse, so the two figures
 * compare like for like (docs/benchmarks.md). Placed revenue per rep and one-minute window
 * (repartitioned by rep; only the amount crosses) and calls per rep (the input is already keyed by
 * rep); every event is parsed, tuned for throughput: exactly-once v2, 64 MB cache, commits every
 * second, lz4. No dedup, validation, lifecycle, scopes, customers or queries: it is a yardstick,
 * not a product.
 */
final class BaselineTopology {
  static final String APPLICATION_ID = "salespulse-baseline";
  private static final ObjectMapper JSON = new ObjectMapper();

  private BaselineTopology() {}

  static Topology build(Topics topics) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(
            topics.orders().name(),
            Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("baseline-orders"))
        .process(PlacedRevenue::new, Named.as("baseline-placed-revenue"))
        .groupByKey(Grouped.with("baseline-rep-revenue", Serdes.String(), Serdes.Long()))
        .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), Duration.ofDays(3)))
        .reduce(
            Long::sum,
            Named.as("baseline-rep-revenue-sum"),
            Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("baseline-rep-revenue-store")
                .withRetention(Duration.ofDays(4)));
    builder.stream(
            topics.activities().name(),
            Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("baseline-activities"))
        .filter((rep, json) -> "CALL".equals(read(json).path("type").asText()), Named.as("calls"))
        .groupByKey(Grouped.with("baseline-rep-calls", Serdes.String(), Serdes.ByteArray()))
        .count(
            Named.as("baseline-rep-call-count"),
            Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(
                "baseline-rep-calls-store"));
    return builder.build();
  }

  static Properties properties(String bootstrapServers, String stateDir) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 64L * 1024 * 1024);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1_000);
    props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
    return props;
  }

  private static JsonNode read(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("the simulator wrote an event that is not JSON", e);
    }
  }

  /** ORDER_PLACED → (repId, amount in cents) at its occurredAt; anything else is skipped. */
  private static final class PlacedRevenue implements Processor<byte[], byte[], String, Long> {
    private ProcessorContext<String, Long> context;

    @Override
    public void init(ProcessorContext<String, Long> context) {
      this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
      JsonNode event = read(record.value());
      if (!"ORDER_PLACED".equals(event.path("type").asText())) {
        return;
      }
      long cents = event.path("amount").decimalValue().movePointRight(2).longValueExact();
      long at = Instant.parse(event.path("occurredAt").asText()).toEpochMilli();
      context.forward(new Record<>(event.path("repId").asText(), cents, at));
    }
  }
}
