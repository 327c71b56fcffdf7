package dev.salespulse.streams.topology;

import static dev.salespulse.streams.testing.TopologyHarness.header;
import static dev.salespulse.streams.testing.TopologyHarness.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salespulse.streams.config.ConfigLoader;
import dev.salespulse.streams.config.SalesPulseConfig;
import dev.salespulse.streams.runtime.StreamsProperties;
import dev.salespulse.streams.testing.TestDirectories;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.ValueMapper;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The handlers the production Streams properties install: a record whose processing throws goes to
 * the dead-letter topic as {@code processing-error} and the next one is processed; an output that
 * cannot be written is dropped only when it carries no count.
 */
class ErrorHandlersTest {
  private static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");

  private final Path dataDir = TestDirectories.create("error-handlers-");
  private final SalesPulseConfig config =
      ConfigLoader.load(Map.of("SALESPULSE_DATA_DIR", dataDir.toString()), Map.of());
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @AfterEach
  void deleteState() {
    TestDirectories.delete(dataDir);
  }

  @Test
  void shouldDeadLetterARecordWhoseProcessingThrowsAndGoOn() {
    try (TopologyTestDriver driver =
        driverThrough(
            "fragile",
            value -> {
              if (new String(value).equals("boom")) {
                throw new IllegalStateException("no way to count this");
              }
              return value;
            })) {
      ByteArraySerializer bytes = new ByteArraySerializer();
      TestInputTopic<byte[], byte[]> in = driver.createInputTopic("sales.orders", bytes, bytes);
      ByteArrayDeserializer read = new ByteArrayDeserializer();
      TestOutputTopic<byte[], byte[]> out = driver.createOutputTopic("out", read, read);
      TestOutputTopic<byte[], byte[]> deadLetters =
          driver.createOutputTopic("sales.dead-letter", read, read);
      RecordHeaders headers = new RecordHeaders();
      headers.add("trace-id", utf8("t-1"));

      in.pipeInput(new TestRecord<>(utf8("k-1"), utf8("boom"), headers, AT));
      in.pipeInput(new TestRecord<>(utf8("k-2"), utf8("fine"), new RecordHeaders(), AT));

      assertThat(deadLetters.readRecordsToList())
          .singleElement()
          .satisfies(
              deadLetter -> {
                assertThat(deadLetter.key()).isEqualTo(utf8("k-1"));
                assertThat(deadLetter.value()).isEqualTo(utf8("boom"));
                assertThat(header(deadLetter.headers(), "x-error-reason"))
                    .isEqualTo("processing-error");
                assertThat(header(deadLetter.headers(), "x-error-detail"))
                    .contains("fragile", "IllegalStateException", "no way to count this");
                assertThat(header(deadLetter.headers(), "x-source-topic"))
                    .isEqualTo("sales.orders");
                assertThat(header(deadLetter.headers(), "x-source-offset")).isEqualTo("0");
                assertThat(header(deadLetter.headers(), "trace-id")).isEqualTo("t-1");
                assertThat(deadLetter.getRecordTime()).isBeforeOrEqualTo(Instant.now());
              });
      assertThat(out.readValuesToList()).containsExactly(utf8("fine"));
      assertThat(
              meters
                  .get("salespulse.events.rejected")
                  .tag("reason", "processing-error")
                  .counter()
                  .count())
          .isEqualTo(1.0);
    }
  }

  /**
   * A record moved to its key's partition (through the rekeyed topic, keyed by its orderId) whose
   * processing throws there is dead-lettered as it was sent: its own key and where it was first
   * read, from the headers it was moved with.
   */
  @Test
  void shouldDeadLetterAMovedRecordWithItsOriginalKeyAndSource() {
    String rekeyed = Topics.rekeyedOrders(config.kafka().applicationId()).name();
    try (TopologyTestDriver driver =
        driverThrough(
            rekeyed,
            "fragile",
            value -> {
              throw new IllegalStateException("no way to count this");
            })) {
      ByteArraySerializer bytes = new ByteArraySerializer();
      TestInputTopic<byte[], byte[]> in = driver.createInputTopic(rekeyed, bytes, bytes);
      ByteArrayDeserializer read = new ByteArrayDeserializer();
      TestOutputTopic<byte[], byte[]> deadLetters =
          driver.createOutputTopic("sales.dead-letter", read, read);
      RecordHeaders headers = new RecordHeaders();
      headers.add(DeadLetter.KEY_HEADER, utf8("sent-under-this"));
      headers.add(DeadLetter.TOPIC_HEADER, utf8("sales.orders"));
      headers.add(DeadLetter.PARTITION_HEADER, utf8("2"));
      headers.add(DeadLetter.OFFSET_HEADER, utf8("41"));

      in.pipeInput(new TestRecord<>(utf8("o-7"), utf8("boom"), headers, AT));

      assertThat(deadLetters.readRecordsToList())
          .singleElement()
          .satisfies(
              deadLetter -> {
                assertThat(deadLetter.key()).isEqualTo(utf8("sent-under-this"));
                assertThat(header(deadLetter.headers(), "x-error-reason"))
                    .isEqualTo("processing-error");
                assertThat(deadLetter.headers().headers("x-source-topic")).hasSize(1);
                assertThat(header(deadLetter.headers(), "x-source-topic"))
                    .isEqualTo("sales.orders");
                assertThat(header(deadLetter.headers(), "x-source-partition")).isEqualTo("2");
                assertThat(header(deadLetter.headers(), "x-source-offset")).isEqualTo("41");
                assertThat(deadLetter.headers().lastHeader("x-source-key")).isNull();
              });
    }
  }

  /**
   * A store that cannot be written (a full disk) is no record's fault: setting the records aside
   * would lose their counts for as long as it fails. The client stops instead, and a restart counts
   * again from the last commit (FullDiskEndToEndTest).
   */
  @Test
  void shouldStopRatherThanDeadLetterWhenAStoreCannotBeWritten() {
    try (TopologyTestDriver driver =
        driverThrough(
            "full-disk",
            value -> {
              throw new ProcessorStateException(
                  "Error while putting key/value into store kpi-day-store",
                  new IOException("No space left on device"));
            })) {
      ByteArraySerializer bytes = new ByteArraySerializer();
      TestInputTopic<byte[], byte[]> in = driver.createInputTopic("sales.orders", bytes, bytes);
      ByteArrayDeserializer read = new ByteArrayDeserializer();
      TestOutputTopic<byte[], byte[]> deadLetters =
          driver.createOutputTopic("sales.dead-letter", read, read);

      assertThatThrownBy(
              () -> in.pipeInput(new TestRecord<>(utf8("k-1"), utf8("v"), new RecordHeaders(), AT)))
          .hasStackTraceContaining("No space left on device");
      assertThat(deadLetters.readRecordsToList()).isEmpty();
    }
    assertThat(
            ProcessingErrorHandler.isStoreFailure(
                new StreamsException(new ProcessorStateException("wrapped"))))
        .isTrue();
    assertThat(ProcessingErrorHandler.isStoreFailure(new ArithmeticException("overflow")))
        .isFalse();
  }

  /**
   * sales.orders → {@code step}, a processor named {@code name} → out, with the production Streams
   * properties (their error handlers).
   */
  private TopologyTestDriver driverThrough(String name, ValueMapper<byte[], byte[]> step) {
    return driverThrough("sales.orders", name, step);
  }

  private TopologyTestDriver driverThrough(
      String source, String name, ValueMapper<byte[], byte[]> step) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(source, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .mapValues(step, Named.as(name))
        .to("out", Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    Properties props =
        StreamsProperties.of(
            config.kafka(), config.storage(), "localhost:9092", "localhost:0", meters);
    return new TopologyTestDriver(builder.build(), props, AT);
  }

  @Test
  void shouldDropAnUnwritableRecordThatCarriesNoCountAndCountTheDrop() {
    ProductionErrorHandler handler = productionHandler();

    for (String topic : new String[] {"sales.dead-letter", "sales.feed", "sales.kpi-changes"}) {
      assertThat(
              handler.handleError(null, record(topic), new RecordTooLargeException("big")).result())
          .as(topic)
          .isEqualTo(ProductionExceptionHandler.Result.RESUME);
    }
    assertThat(
            meters
                .get("salespulse.output.dropped")
                .tag("topic", "sales.dead-letter")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void shouldFailRatherThanDropARecordThatCarriesCounts() {
    ProductionErrorHandler handler = productionHandler();

    for (String topic :
        new String[] {
          "salespulse-scope-deltas-repartition",
          "salespulse-customer-orders-repartition",
          "salespulse-kpi-day-store-changelog"
        }) {
      assertThat(
              handler.handleError(null, record(topic), new RecordTooLargeException("big")).result())
          .as(topic)
          .isEqualTo(ProductionExceptionHandler.Result.FAIL);
    }
    assertThat(meters.find("salespulse.output.dropped").counters()).isEmpty();
  }

  @Test
  void shouldRetryWhatARetryMayCure() {
    assertThat(
            productionHandler()
                .handleError(null, record("sales.dead-letter"), new TimeoutException("away"))
                .result())
        .isEqualTo(ProductionExceptionHandler.Result.RETRY);
  }

  private ProductionErrorHandler productionHandler() {
    ProductionErrorHandler handler = new ProductionErrorHandler();
    Properties props =
        StreamsProperties.of(
            config.kafka(), config.storage(), "localhost:9092", "localhost:0", meters);
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<String, ?> configs = (Map) props;
    handler.configure(configs);
    return handler;
  }

  private static ProducerRecord<byte[], byte[]> record(String topic) {
    return new ProducerRecord<>(topic, utf8("k"), utf8("v"));
  }
}
