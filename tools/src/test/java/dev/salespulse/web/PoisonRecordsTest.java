package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.streams.config.ConfigLoader;
import dev.salespulse.streams.config.SalesPulseConfig;
import dev.salespulse.streams.runtime.StreamsProperties;
import dev.salespulse.streams.topology.Topics;
import dev.salespulse.tools.broker.EmbeddedKafkaBroker;
import dev.salespulse.web.kafka.TopicAdmin;
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
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records a careless or hostile producer can write, each through a real KRaft broker with its
 * default limits (records more than an hour ahead refused, 1 MiB batches; only the dead-letter
 * topic, created beforehand as an operator may, takes at most 256 KiB) into one running SalesPulse:
 * each is dead-lettered with its reason or counted, and after each the service is still ready with
 * Kafka Streams RUNNING and counts the next valid event. One broker and one service for all cases;
 * every case uses its own reps and keys, so the cases do not see each other's counts.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoisonRecordsTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String LARGEST = "10000000000000.00";

  private static final int DEAD_LETTER_MAX_BYTES = 256 * 1024;

  private EmbeddedKafkaBroker broker;
  private RunningApp running;
  private KafkaProducer<byte[], byte[]> bytes;
  private Admin admin;
  private final Map<String, ConsumerRecord<byte[], byte[]>> deadLetters = new ConcurrentHashMap<>();
  private KafkaConsumer<byte[], byte[]> deadLetterReader;

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    broker = EmbeddedKafkaBroker.start(dataDir.resolve("broker"), 0);
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    // An operator's dead-letter topic that takes smaller records than the brokers' default 1 MiB.
    admin
        .createTopics(
            List.of(
                new NewTopic("sales.dead-letter", 4, (short) 1)
                    .configs(
                        Map.of(
                            TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                            Integer.toString(DEAD_LETTER_MAX_BYTES)))))
        .all()
        .get();
    running =
        RunningApp.start(
            dataDir.resolve("service"),
            Clock.systemUTC(),
            Map.of("SALESPULSE_BOOTSTRAP_SERVERS", broker.bootstrapServers()));
    running.awaitReady();
    Map<String, Object> producer = new HashMap<>();
    producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, running.app.bootstrapServers());
    producer.put(ProducerConfig.ACKS_CONFIG, "all");
    // A batch of a few kilobytes on the wire that holds values of megabytes.
    producer.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
    producer.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 64 * 1024 * 1024);
    producer.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 256L * 1024 * 1024);
    bytes = new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer());
    Map<String, Object> consumer = new HashMap<>();
    consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, running.app.bootstrapServers());
    consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    deadLetterReader =
        new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        deadLetterReader.partitionsFor(running.topics.deadLetter().name()).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    deadLetterReader.assign(partitions);
    deadLetterReader.seekToBeginning(partitions);
  }

  @AfterAll
  void stop() {
    deadLetterReader.close();
    admin.close();
    bytes.close();
    running.close();
    broker.close();
  }

  /** After every case: still ready, Streams RUNNING, and a new valid order counts. */
  @AfterEach
  void serviceStillCounts() {
    assertThat(running.get("/health/ready").statusCode()).isEqualTo(200);
    assertThat(running.getJson("/health/ready").get("streams").asText()).isEqualTo("RUNNING");
    String rep = "rep-canary-" + System.nanoTime();
    Instant now = Instant.now();
    sendOrder(order("canary-" + rep, rep, now, "USD", "12.34"));
    awaitOrders("rep:" + rep, day(now), 1);
  }

  @Test
  void shouldCountAnOrderTwoHoursAheadOfTheBrokersClock() {
    Instant twoHoursAhead = Instant.now().plus(Duration.ofHours(2));

    sendOrder(order("ahead-1", "rep-ahead", twoHoursAhead, "USD", "250.00"));

    awaitOrders("rep:rep-ahead", day(twoHoursAhead), 1);
    assertThat(kpis("rep:rep-ahead", day(twoHoursAhead)).get("revenue").decimalValue())
        .isEqualByComparingTo("250.00");
  }

  @Test
  void shouldCountAnEventWhoseRecordIsStampedAMonthAheadOnATopicThatAllowsIt() throws Exception {
    // A topic with a relaxed limit (or a producer clock far off) lets such a record in; the
    // records the service writes while processing it must still be accepted by its own topics.
    String activities = running.topics.activities().name();
    setTopicConfig(
        activities, TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, "" + Long.MAX_VALUE);
    Instant now = Instant.now();
    String call =
        "{\"eventId\":\"relaxed-1\",\"type\":\"CALL\",\"occurredAt\":\""
            + now
            + "\",\"repId\":\"rep-relaxed\",\"outcome\":\"CONNECTED\"}";
    long aMonthAhead = now.plus(Duration.ofDays(30)).toEpochMilli();

    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(
            () ->
                bytes
                        .send(
                            new ProducerRecord<>(
                                activities, null, aMonthAhead, utf8("rep-relaxed"), utf8(call)))
                        .get()
                    != null);

    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(() -> kpis("rep:rep-relaxed", day(now)).get("calls").asLong() == 1);
  }

  @Test
  void shouldDeadLetterAnActivityInTheYearMinus300000000() {
    String call =
        "{\"eventId\":\"ancient-1\",\"type\":\"CALL\",\"occurredAt\":\"-300000000-01-01T00:00:00Z\","
            + "\"repId\":\"rep-ancient\"}";

    running.producer.send(
        new ProducerRecord<>(running.topics.activities().name(), "poison-ancient", call));

    assertThat(reason(deadLetter("poison-ancient"))).isEqualTo("bad-timestamp");
  }

  @Test
  void shouldRejectTheOrderThatWouldTakeADaysSumsPastTheCapAndCountTheOthersExactly() {
    // Five orders of the largest amount fit in one partition's day with 4 partitions, a sixth
    // does not. All are orders of partition 0 (their orderIds, "o-" + eventId, by Kafka's
    // default partitioner), sent there.
    LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(10);
    Instant at = day.atTime(12, 0).toInstant(ZoneOffset.UTC);
    List<String> eventIds =
        IntStream.range(0, 1_000)
            .mapToObj(i -> "overflow-" + i)
            .filter(id -> Utils.toPositive(Utils.murmur2(utf8("o-" + id))) % 4 == 0)
            .limit(6)
            .toList();
    for (int i = 1; i <= 6; i++) {
      running.producer.send(
          new ProducerRecord<>(
              running.topics.orders().name(),
              0,
              "poison-overflow-" + i,
              order(eventIds.get(i - 1), "rep-rich", at, "USD", LARGEST)));
    }
    running.producer.flush();

    assertThat(reason(deadLetter("poison-overflow-6"))).isEqualTo("overflow");
    awaitOrders("company:all", day, 5);
    assertThat(kpis("company:all", day).get("grossRevenue").decimalValue())
        .isEqualByComparingTo("50000000000000.00");
    assertThat(metric("salespulse_events_rejected_total{reason=\"overflow\"}")).isEqualTo(1.0);
  }

  @Test
  void shouldCutTheDeadLetterOfAValueLargerThanTheProducerCanSend() {
    // 5 MiB of JSON-looking text compresses to a few kilobytes on the wire.
    byte[] value = utf8("{\"eventId\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}");

    bytes.send(new ProducerRecord<>(running.topics.orders().name(), utf8("poison-huge"), value));
    bytes.flush();

    ConsumerRecord<byte[], byte[]> deadLetter = deadLetter("poison-huge");
    assertThat(reason(deadLetter)).isEqualTo("value-too-large");
    assertThat(header(deadLetter, "x-truncated")).isEqualTo(Integer.toString(value.length));
    assertThat(deadLetter.value().length).isLessThan(DEAD_LETTER_MAX_BYTES);
    assertThat(value).startsWith(deadLetter.value());
  }

  @Test
  void shouldTreatAnAbsurdRateAsNoRate() {
    // A usable rate first, and an order counted with it: the rates' global store has the
    // currency. Then the absurd rate, which once made each order in it take seconds to hours.
    String rates = running.topics.fxRates().name();
    running.producer.send(
        new ProducerRecord<>(rates, "XAB", "{\"currency\":\"XAB\",\"perUnitInReporting\":2}"));
    running.producer.flush();
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              sendOrder(order("rate-" + System.nanoTime(), "rep-rate", Instant.now(), "XAB", "1"));
              return kpis("rep:rep-rate", day(Instant.now())).get("orders").asLong() > 0;
            });
    running.producer.send(
        new ProducerRecord<>(
            rates, "XAB", "{\"currency\":\"XAB\",\"perUnitInReporting\":1e999999999}"));
    running.producer.flush();

    // Orders in XAB until the absurd rate is read: from then on they are dead-lettered.
    List<String> keys = new ArrayList<>();
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              String key = "poison-rate-" + keys.size();
              keys.add(key);
              sendOrder(key, order(key, "rep-rate", Instant.now(), "XAB", "100.00"));
              return keys.stream().anyMatch(this::hasDeadLetter);
            });

    String rejected = keys.stream().filter(this::hasDeadLetter).findFirst().orElseThrow();
    assertThat(reason(deadLetter(rejected))).isEqualTo("unknown-currency");
  }

  @Test
  void shouldDeadLetterAnOrderWithMoreCategoriesThanTheLimit() {
    String lines =
        IntStream.rangeClosed(1, 101)
            .mapToObj(i -> "{\"category\":\"c-" + i + "\",\"quantity\":1,\"unitPrice\":1}")
            .collect(Collectors.joining(",", "[", "]"));
    String json =
        order("categories-1", "rep-categories", Instant.now(), "USD", "101.00")
            .replaceFirst("}$", ",\"lines\":" + lines + "}");

    sendOrder("poison-categories", json);

    assertThat(reason(deadLetter("poison-categories"))).isEqualTo("too-many-categories");
  }

  @Test
  void shouldDeadLetterOtherHostileValues() {
    byte[] invalidUtf8 = utf8(order("utf8-1", "rep-\u00e9", Instant.now(), "USD", "1.00"));
    for (int i = 0; i < invalidUtf8.length; i++) {
      if (invalidUtf8[i] == (byte) 0xc3) {
        invalidUtf8[i] = (byte) 0xff;
      }
    }
    byte[] nested = utf8("{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}");
    byte[] longString = utf8("{\"eventId\":\"" + "y".repeat(50 * 1024 * 1024) + "\"}");
    String manyLines =
        IntStream.range(0, 20_000)
            .mapToObj(i -> "{\"quantity\":1,\"unitPrice\":1}")
            .collect(Collectors.joining(",", "[", "]"));
    byte[] tooManyLines =
        utf8(
            order("lines-1", "rep-lines", Instant.now(), "USD", "1.00")
                .replaceFirst("}$", ",\"lines\":" + manyLines + "}"));
    String orders = running.topics.orders().name();

    bytes.send(new ProducerRecord<>(orders, utf8("poison-utf8"), invalidUtf8));
    bytes.send(new ProducerRecord<>(orders, utf8("poison-nested"), nested));
    bytes.send(new ProducerRecord<>(orders, utf8("poison-50mb"), longString));
    bytes.send(new ProducerRecord<>(orders, utf8("poison-lines"), tooManyLines));
    bytes.flush();

    assertThat(reason(deadLetter("poison-utf8"))).isEqualTo("malformed-json");
    assertThat(reason(deadLetter("poison-nested"))).isEqualTo("malformed-json");
    assertThat(reason(deadLetter("poison-50mb"))).isEqualTo("value-too-large");
    assertThat(reason(deadLetter("poison-lines"))).isEqualTo("wrong-type");
  }

  @Test
  void shouldAnswerQueriesOverBrokenRosterTargetAndRateRecords() throws Exception {
    // Brokers refuse a record without key on a compacted topic; a topic created otherwise takes it.
    setTopicConfig(
        running.topics.targets().name(),
        TopicConfig.CLEANUP_POLICY_CONFIG,
        TopicConfig.CLEANUP_POLICY_DELETE);
    setTopicConfig(
        running.topics.reps().name(),
        TopicConfig.CLEANUP_POLICY_CONFIG,
        TopicConfig.CLEANUP_POLICY_DELETE);
    running.producer.send(new ProducerRecord<>(running.topics.targets().name(), null, "{}"));
    running.producer.send(
        new ProducerRecord<>(
            running.topics.targets().name(), "COMPANY:all:DAY:REVENUE", "{\"value\":1e10000}"));
    running.producer.send(
        new ProducerRecord<>(running.topics.targets().name(), "TEAM:team-odd:DAY:ORDERS", "[]"));
    running.producer.send(new ProducerRecord<>(running.topics.reps().name(), "rep-odd", "nope"));
    running.producer.send(new ProducerRecord<>(running.topics.reps().name(), null, "{}"));
    running.producer.send(
        new ProducerRecord<>(running.topics.fxRates().name(), "XBB", "{\"currency\":7}"));
    running.producer.flush();
    Instant now = Instant.now();

    sendOrder(order("odd-1", "rep-odd", now, "USD", "3.00"));

    awaitOrders("rep:rep-odd", day(now), 1);
    for (String query :
        List.of(
            "/api/v1/kpis?scope=company:all&period=today",
            "/api/v1/kpis?scope=team:team-odd&period=wtd",
            "/api/v1/leaderboard?dimension=rep&metric=revenue&period=today",
            "/api/v1/scopes?dimension=rep")) {
      assertThat(running.get(query).statusCode()).as(query).isEqualTo(200);
    }
  }

  @Test
  void shouldCutADeadLetterToWhatTheDeadLetterTopicTakes() {
    // 400 KiB of random bytes, which compression cannot shrink: under the input topic's limit, over
    // the dead-letter topic's. A dead letter the broker refused would fail the transaction.
    byte[] value = new byte[400 * 1024];
    new Random(7).nextBytes(value);

    bytes.send(new ProducerRecord<>(running.topics.orders().name(), utf8("poison-random"), value));
    bytes.flush();

    ConsumerRecord<byte[], byte[]> deadLetter = deadLetter("poison-random");
    assertThat(reason(deadLetter)).isEqualTo("malformed-json");
    assertThat(header(deadLetter, "x-truncated")).isEqualTo(Integer.toString(value.length));
    assertThat(value).startsWith(deadLetter.value());
  }

  @Test
  void shouldDeadLetterARecordWhoseProcessingThrowsAndKeepTheStreamThreadRunning(
      @TempDir Path stateDir) throws Exception {
    // No input makes SalesPulse's own topology throw any more: this one does, on purpose, and
    // runs with SalesPulse's Streams properties on the same broker.
    SalesPulseConfig config =
        ConfigLoader.load(
            Map.of(
                "SALESPULSE_DATA_DIR", stateDir.toString(),
                "SALESPULSE_TOPIC_PREFIX", "fragile.",
                "SALESPULSE_APPLICATION_ID", "fragile"),
            Map.of());
    Topics topics = new Topics(config.kafka().topicPrefix());
    TopicAdmin.ensureTopics(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
        List.of(
            new NewTopic(topics.orders().name(), 1, (short) 1),
            new NewTopic(topics.deadLetter().name(), 1, (short) 1),
            new NewTopic("fragile.out", 1, (short) 1)),
        PATIENCE);
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(topics.orders().name(), Consumed.with(Serdes.String(), Serdes.String()))
        .mapValues(
            value -> {
              if (value.equals("boom")) {
                throw new IllegalStateException("cannot count " + value);
              }
              return value;
            },
            Named.as("fragile-step"))
        .to("fragile.out", Produced.with(Serdes.String(), Serdes.String()));
    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    try (KafkaStreams streams =
            new KafkaStreams(
                builder.build(),
                StreamsProperties.of(
                    config.kafka(),
                    config.storage(),
                    broker.bootstrapServers(),
                    "localhost:1",
                    meters));
        KafkaConsumer<String, String> reader = reader(topics.deadLetter().name(), "fragile.out")) {
      streams.start();
      await().atMost(PATIENCE).until(() -> streams.state() == KafkaStreams.State.RUNNING);

      running.producer.send(new ProducerRecord<>(topics.orders().name(), "k-boom", "boom"));
      running.producer.send(new ProducerRecord<>(topics.orders().name(), "k-fine", "fine"));
      running.producer.flush();

      Map<String, ConsumerRecord<String, String>> read = new HashMap<>();
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                reader.poll(Duration.ofMillis(200)).forEach(r -> read.put(r.topic(), r));
                return read.size() == 2;
              });
      ConsumerRecord<String, String> deadLetter = read.get(topics.deadLetter().name());
      assertThat(deadLetter.key()).isEqualTo("k-boom");
      assertThat(textHeader(deadLetter, "x-error-reason")).isEqualTo("processing-error");
      assertThat(textHeader(deadLetter, "x-error-detail")).contains("cannot count boom");
      assertThat(read.get("fragile.out").value()).isEqualTo("fine");
      assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
      assertThat(
              meters
                  .get("salespulse.events.rejected")
                  .tag("reason", "processing-error")
                  .counter()
                  .count())
          .isEqualTo(1.0);
    }
  }

  // ---- producing, reading, asking ----

  private KafkaConsumer<String, String> reader(String... topics) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      partitions.add(new TopicPartition(topic, 0));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  private static String textHeader(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static String order(
      String eventId, String repId, Instant at, String currency, String amount) {
    return "{\"eventId\":\""
        + eventId
        + "\",\"type\":\"ORDER_PLACED\",\"orderId\":\"o-"
        + eventId
        + "\",\"occurredAt\":\""
        + at
        + "\",\"repId\":\""
        + repId
        + "\",\"currency\":\""
        + currency
        + "\",\"amount\":"
        + amount
        + "}";
  }

  private void sendOrder(String json) {
    sendOrder("o-" + System.nanoTime(), json);
  }

  private void sendOrder(String key, String json) {
    running.producer.send(new ProducerRecord<>(running.topics.orders().name(), key, json));
    running.producer.flush();
  }

  private JsonNode kpis(String scope, LocalDate day) {
    JsonNode answer =
        running.getJson(
            "/api/v1/kpis?scope="
                + scope
                + "&period=custom&from="
                + day
                + "&to="
                + day.plusDays(1));
    return answer.get("kpis");
  }

  private void awaitOrders(String scope, LocalDate day, long orders) {
    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(() -> kpis(scope, day).get("orders").asLong() == orders);
  }

  private static LocalDate day(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }

  /** The dead letter of the input with this key, read from sales.dead-letter. */
  private ConsumerRecord<byte[], byte[]> deadLetter(String key) {
    await().atMost(PATIENCE).until(() -> hasDeadLetter(key));
    return deadLetters.get(key);
  }

  /** Whether sales.dead-letter holds the dead letter of the input with this key, so far. */
  private boolean hasDeadLetter(String key) {
    for (ConsumerRecord<byte[], byte[]> record : deadLetterReader.poll(Duration.ofMillis(200))) {
      if (record.key() != null) {
        deadLetters.put(new String(record.key(), StandardCharsets.UTF_8), record);
      }
    }
    return deadLetters.containsKey(key);
  }

  private static String reason(ConsumerRecord<byte[], byte[]> deadLetter) {
    return header(deadLetter, "x-error-reason");
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    return textHeader(record, name);
  }

  private double metric(String series) {
    return Scrape.parse(running.get("/metrics").body()).value(series).orElse(0.0);
  }

  private void setTopicConfig(String topic, String name, String value) throws Exception {
    admin
        .incrementalAlterConfigs(
            Map.of(
                new ConfigResource(ConfigResource.Type.TOPIC, topic),
                List.of(new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET))))
        .all()
        .get();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
