package dev.salespulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A processor's sums kept in plain memory go out with the commit of the records they came from:
 * under a real task (TopologyTestDriver runs {@code StreamTask} and commits after each input
 * record), with no punctuation and no wall clock moving.
 */
class CommitHookTest {
  private static final String MARKER = "test-commit-marker-store";
  private final List<TopologyTestDriver> drivers = new ArrayList<>();

  @AfterEach
  void close() {
    drivers.forEach(TopologyTestDriver::close);
  }

  @Test
  void whatIsPendingGoesOutWithTheCommitOfItsInputAfterItsProcessing() {
    Pipe pipe = pipe(true, 10 * 1024 * 1024);

    pipe.in.pipeInput("a", 5L);
    assertThat(pipe.out()).containsExactly("processed=5", "sum=5");
    pipe.in.pipeInput("a", 7L);
    pipe.in.pipeInput("a", 1L);

    assertThat(pipe.out()).containsExactly("processed=7", "sum=7", "processed=1", "sum=1");
  }

  @Test
  void aCommitWithNothingPendingSendsNothing() {
    Pipe pipe = pipe(true, 10 * 1024 * 1024);
    pipe.in.pipeInput("a", 5L);
    pipe.out();

    pipe.in.pipeInput("skip", 3L); // not buffered, so nothing armed

    assertThat(pipe.out()).isEmpty();
  }

  @Test
  void aCacheTooSmallToHoldTheMarkerSendsAtOnceAndLosesNothing() {
    Pipe pipe = pipe(true, 1);

    pipe.in.pipeInput("a", 5L);
    pipe.in.pipeInput("a", 7L);

    assertThat(pipe.out()).containsExactly("sum=5", "processed=5", "sum=7", "processed=7");
  }

  @Test
  void withoutARecordCacheEachRecordIsSentAtOnce() {
    for (Pipe pipe : List.of(pipe(false, 10 * 1024 * 1024), pipe(true, 0))) {
      pipe.in.pipeInput("a", 5L);
      pipe.in.pipeInput("a", 7L);

      assertThat(pipe.out()).containsExactly("sum=5", "processed=5", "sum=7", "processed=7");
    }
  }

  /** Sums the values of key "a" in memory; sends the sum only when the commit hook fires. */
  private static final class Summing implements Processor<String, Long, String, Long> {
    private long pending;
    private boolean any;
    private CommitHook hook;
    private ProcessorContext<String, Long> context;

    @Override
    public void init(ProcessorContext<String, Long> context) {
      this.context = context;
      this.hook = CommitHook.install(context, MARKER, this::send);
    }

    @Override
    public void process(Record<String, Long> record) {
      if (!record.key().equals("a")) {
        return;
      }
      pending += record.value();
      any = true;
      hook.arm();
      // Marks where processing ends: a sum sent at the commit comes after it, one sent at once
      // (no cache, or the marker evicted) before it.
      context.forward(new Record<>("processed", record.value(), context.currentSystemTimeMs()));
    }

    private void send() {
      if (any) {
        context.forward(new Record<>("sum", pending, context.currentSystemTimeMs()));
        pending = 0;
        any = false;
      }
    }
  }

  private record Pipe(TestInputTopic<String, Long> in, TestOutputTopic<String, Long> output) {
    /** What came out since the last call, as key=value in order. */
    List<String> out() {
      return output.readKeyValuesToList().stream().map(kv -> kv.key + "=" + kv.value).toList();
    }
  }

  private Pipe pipe(boolean cached, long cacheBytes) {
    var marker =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(MARKER), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled();
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(cached ? marker.withCachingEnabled() : marker.withCachingDisabled());
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.Long()))
        .process(Summing::new, Named.as("summing"), MARKER)
        .to("out", Produced.with(Serdes.String(), Serdes.Long()));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "commit-hook-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheBytes);
    TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props);
    drivers.add(driver);
    return new Pipe(
        driver.createInputTopic("in", new StringSerializer(), new LongSerializer()),
        driver.createOutputTopic("out", new StringDeserializer(), new LongDeserializer()));
  }
}
