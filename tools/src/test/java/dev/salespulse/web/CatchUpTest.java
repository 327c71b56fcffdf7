package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.streams.topology.Topics;
import dev.salespulse.tools.broker.EmbeddedKafkaBroker;
import dev.salespulse.tools.simulate.EventGenerator;
import dev.salespulse.tools.simulate.SalesFloor;
import dev.salespulse.tools.simulate.SimulatedRecord;
import dev.salespulse.web.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catch-up after downtime (contract, "Duplicates, order and lateness"): a first short run creates
 * the topics and the application's consumer group; while SalesPulse is down, the roster and then a
 * backlog of 200,000 simulated events over two business days land in 4-partition topics; then
 * SalesPulse starts again and processes the backlog at once (the roster's global store is restored
 * before any event is processed). Every day bucket and every minute bucket of the company, each
 * team and every rep must equal the totals this test computes itself: nothing dropped as late while
 * partitions catch up at different speeds (the windowed-aggregation trap: replayed events dropped
 * as late), nothing counted twice.
 *
 * <p>The partitions are made uneven on purpose: activity partitions 0 and 1 hold the first day
 * before the second, partitions 2 and 3 the second day before the first, while orders (whose
 * cancellations and refunds must follow their order) come in time order. So the scope buckets see
 * event times jump back and forth by up to two days.
 *
 * <p>Prints how long producing and catching up took; asserts nothing about timing.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatchUpTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 25);
  private static final LocalDate LAST_DAY = FIRST_DAY.plusDays(1);
  private static final List<LocalDate> DAYS = List.of(FIRST_DAY, LAST_DAY);

  /** 23:30 in Berlin on the last day: every minute of both days is within the 48 h kept. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T22:30:00Z"), ZoneOffset.UTC);

  private static final Instant FIRST_MINUTE = FIRST_DAY.atStartOfDay(ZONE).toInstant();
  private static final Instant END = LAST_DAY.plusDays(1).atStartOfDay(ZONE).toInstant();
  private static final int EVENTS_PER_DAY = 100_000;
  private static final int REPS = 40;
  private static final long SEED = 20_261_125L;
  private static final int PARTITIONS = 4;
  private static final String COMPANY = "company:all";
  private static final Duration CATCH_UP_BOUND = Duration.ofMinutes(5);

  private final ReferenceTotals expected = new ReferenceTotals(ZONE);
  private final List<String> scopes = new ArrayList<>();
  private final List<Refusal> refusedWhileStarting = new ArrayList<>();
  private long firstAnswerNanos;
  private EmbeddedKafkaBroker broker;
  private RunningApp running;

  /** A query answer other than 200, received while SalesPulse was starting after the downtime. */
  private record Refusal(int status, Optional<String> retryAfter, String body) {}

  @BeforeAll
  void replayABacklogProducedDuringDowntime(@TempDir Path dir) {
    broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0);
    Path appDir = dir.resolve("app");
    Map<String, String> settings =
        Map.of(
            "SALESPULSE_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
            "SALESPULSE_TOPIC_PARTITIONS", String.valueOf(PARTITIONS),
            "SALESPULSE_TIMEZONE", ZONE.getId());
    Topics topics;
    // A first run creates the topics and the application's consumer group; then the downtime.
    try (RunningApp first = RunningApp.start(appDir, CLOCK, settings)) {
      first.awaitReady();
      topics = first.topics;
    }

    EventGenerator generator = new EventGenerator(SalesFloor.generate(REPS, SEED), ZONE, SEED);
    List<SimulatedRecord> roster = generator.roster();
    List<SimulatedRecord> firstDay = generator.day(FIRST_DAY, EVENTS_PER_DAY);
    List<SimulatedRecord> lastDay = generator.day(LAST_DAY, EVENTS_PER_DAY);
    computeExpectedTotals(roster, firstDay, lastDay);
    List<SimulatedRecord> backlog = unevenBacklog(firstDay, lastDay);
    assertThat(backlog).hasSize(2 * EVENTS_PER_DAY);

    Production production = produce(topics, roster, backlog);
    List<TopicPartition> everyPartition = new ArrayList<>();
    for (int partition = 0; partition < PARTITIONS; partition++) {
      everyPartition.add(new TopicPartition(topics.orders().name(), partition));
      everyPartition.add(new TopicPartition(topics.activities().name(), partition));
    }
    assertThat(production.partitions())
        .as("records per partition")
        .containsKeys(everyPartition.toArray(TopicPartition[]::new));

    long startNanos = System.nanoTime();
    running = RunningApp.start(appDir, CLOCK, settings);
    await()
        .atMost(CATCH_UP_BOUND)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(this::assertCompanyCaughtUp);
    long caughtUpNanos = System.nanoTime();
    // company:all is one partition of the scope repartition topic; the others may trail it a bit.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> scopes.forEach(this::assertTwoDayTotals));

    double processing = seconds(Duration.ofNanos(caughtUpNanos - firstAnswerNanos));
    System.out.printf(
        "CatchUpTest: produced %,d events in %.1f s (%,.0f events/s) to %s; SalesPulse caught up"
            + " %.1f s after its start, %.1f s after it first answered (%,.0f events/s)%n",
        backlog.size(),
        seconds(production.took()),
        backlog.size() / seconds(production.took()),
        production.partitions(),
        seconds(Duration.ofNanos(caughtUpNanos - startNanos)),
        processing,
        backlog.size() / processing);
  }

  @AfterAll
  void stop() {
    if (running != null) {
      running.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void everyDayBucketOfEveryScopeIsExact() {
    assertThat(scopes).hasSizeGreaterThanOrEqualTo(1 + 5 + REPS);
    for (String scope : scopes) {
      for (LocalDate day : DAYS) {
        JsonNode answer = ok(kpisPath(scope, day.toString(), day.plusDays(1).toString()));
        assertTotals(answer, expected.of(scope, day), scope + " on " + day);
      }
    }
  }

  @Test
  void everyMinuteBucketOfEveryScopeIsExact() {
    for (String scope : scopes) {
      Map<Instant, ReferenceTotals.Totals> minutes = expected.minutesOf(scope);
      assertThat(minutes).as("minutes with events of %s", scope).isNotEmpty();
      assertMinutes(scope, "revenue", minutes, ReferenceTotals.Totals::revenue);
      assertMinutes(scope, "orders", minutes, t -> BigDecimal.valueOf(t.orders()));
      assertMinutes(scope, "calls", minutes, t -> BigDecimal.valueOf(t.calls()));
    }
  }

  /**
   * Restarted within the consumer session timeout (45 s), the new Streams member waits for the old
   * one to expire before it gets its tasks: a long window in which the stores cannot be queried.
   * The API promises 503 with Retry-After then (docs/DESIGN.md, {@code ApiServer}), never a 500.
   */
  @Test
  void queriesBeforeSalesPulseRunsAreRefusedAsUnavailable() {
    assertThat(refusedWhileStarting.stream().distinct().toList())
        .allSatisfy(
            refusal -> {
              assertThat(refusal.status()).as("status of %s", refusal.body()).isEqualTo(503);
              assertThat(refusal.retryAfter()).as("Retry-After of %s", refusal.body()).isPresent();
            });
  }

  @Test
  void noEventOfTheBacklogWasRejectedOrTakenForADuplicate() {
    List<String> counters =
        running
            .get("/metrics")
            .body()
            .lines()
            .filter(
                line ->
                    line.startsWith("salespulse_events_rejected_total{")
                        || line.startsWith("salespulse_events_duplicate_total"))
            .toList();
    assertThat(counters).isNotEmpty().allSatisfy(line -> assertThat(line).endsWith(" 0.0"));
  }

  /** The reference sees the events in time order, as they happened. */
  private void computeExpectedTotals(
      List<SimulatedRecord> roster, List<SimulatedRecord> firstDay, List<SimulatedRecord> lastDay) {
    TreeSet<String> teams = new TreeSet<>();
    List<String> reps = new ArrayList<>();
    for (SimulatedRecord entry : roster) {
      expected.roster(entry.json());
      teams.add("team:" + parse(entry.json()).get("teamId").asText());
      reps.add("rep:" + entry.key());
    }
    for (List<SimulatedRecord> day : List.of(firstDay, lastDay)) {
      for (SimulatedRecord event : day) {
        if (event.topicKind().equals(SimulatedRecord.ORDERS)) {
          expected.order(event.json());
        } else {
          expected.activity(event.json());
        }
      }
    }
    scopes.add(COMPANY);
    scopes.addAll(teams);
    scopes.addAll(reps);
  }

  /**
   * Orders in time order (a cancellation or refund must follow its order, possibly of the day
   * before); activities of partitions 0 and 1 first day first, of partitions 2 and 3 last day
   * first, half of them before the orders and half after.
   */
  private static List<SimulatedRecord> unevenBacklog(
      List<SimulatedRecord> firstDay, List<SimulatedRecord> lastDay) {
    Predicate<SimulatedRecord> early = record -> partitionOf(record.key()) < PARTITIONS / 2;
    Predicate<SimulatedRecord> late = early.negate();
    List<SimulatedRecord> backlog = new ArrayList<>(firstDay.size() + lastDay.size());
    backlog.addAll(activities(firstDay, early));
    backlog.addAll(activities(lastDay, late));
    backlog.addAll(orders(firstDay));
    backlog.addAll(orders(lastDay));
    backlog.addAll(activities(lastDay, early));
    backlog.addAll(activities(firstDay, late));
    return backlog;
  }

  private static List<SimulatedRecord> activities(
      List<SimulatedRecord> day, Predicate<SimulatedRecord> partitions) {
    return day.stream()
        .filter(record -> record.topicKind().equals(SimulatedRecord.ACTIVITIES))
        .filter(partitions)
        .toList();
  }

  private static List<SimulatedRecord> orders(List<SimulatedRecord> day) {
    return day.stream()
        .filter(record -> record.topicKind().equals(SimulatedRecord.ORDERS))
        .toList();
  }

  /** The partition Kafka's default partitioner gives a keyed record. */
  private static int partitionOf(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
  }

  private record Production(Duration took, Map<TopicPartition, Long> partitions) {}

  /** The roster, then the backlog, with a plain batching producer as a CRM or shop would use. */
  private Production produce(
      Topics topics, List<SimulatedRecord> roster, List<SimulatedRecord> backlog) {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            20,
            ProducerConfig.BATCH_SIZE_CONFIG,
            256 * 1024,
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            "lz4");
    ConcurrentMap<TopicPartition, LongAdder> counts = new ConcurrentHashMap<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    long startNanos = System.nanoTime();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      for (SimulatedRecord record : roster) {
        producer.send(new ProducerRecord<>(topics.reps().name(), record.key(), record.json()));
      }
      for (SimulatedRecord record : backlog) {
        String topic =
            record.topicKind().equals(SimulatedRecord.ORDERS)
                ? topics.orders().name()
                : topics.activities().name();
        producer.send(
            new ProducerRecord<>(topic, record.key(), record.json()),
            (metadata, error) -> {
              if (error != null) {
                failure.compareAndSet(null, error);
              } else if (topic.equals(topics.activities().name())
                  && metadata.partition() != partitionOf(record.key())) {
                failure.compareAndSet(
                    null, new IllegalStateException("unexpected partition for " + record.key()));
              } else {
                counts
                    .computeIfAbsent(
                        new TopicPartition(metadata.topic(), metadata.partition()),
                        tp -> new LongAdder())
                    .increment();
              }
            });
      }
      producer.flush();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
    assertThat(failure.get()).as("send failure").isNull();
    Map<TopicPartition, Long> partitions =
        new TreeMap<>(
            (a, b) ->
                a.topic().equals(b.topic())
                    ? Integer.compare(a.partition(), b.partition())
                    : a.topic().compareTo(b.topic()));
    counts.forEach((partition, count) -> partitions.put(partition, count.sum()));
    return new Production(took, partitions);
  }

  /**
   * Polled while SalesPulse catches up: company:all over both days equals the reference. Notes when
   * queries were first answered (Kafka Streams running: processing starts) and what the answers
   * before that were.
   */
  private void assertCompanyCaughtUp() {
    String path = twoDayKpisPath(COMPANY);
    HttpResponse<String> response = running.get(path);
    if (response.statusCode() != 200) {
      refusedWhileStarting.add(
          new Refusal(
              response.statusCode(),
              response.headers().firstValue("Retry-After"),
              response.body()));
    } else if (firstAnswerNanos == 0) {
      firstAnswerNanos = System.nanoTime();
    }
    assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
    assertTotals(running.parse(response.body()), expected.of(COMPANY), COMPANY + " over both days");
  }

  private static String twoDayKpisPath(String scope) {
    return kpisPath(scope, FIRST_DAY.toString(), LAST_DAY.plusDays(1).toString());
  }

  private static String kpisPath(String scope, String from, String to) {
    return "/api/v1/kpis?scope=" + scope + "&period=custom&from=" + from + "&to=" + to;
  }

  private void assertTwoDayTotals(String scope) {
    assertTotals(ok(twoDayKpisPath(scope)), expected.of(scope), scope + " over both days");
  }

  private static void assertTotals(
      JsonNode answer, ReferenceTotals.Totals totals, String description) {
    JsonNode kpis = answer.get("kpis");
    assertThat(kpis.get("revenue").decimalValue())
        .as("revenue of %s", description)
        .isEqualByComparingTo(totals.revenue());
    assertThat(kpis.get("orders").asLong())
        .as("orders of %s", description)
        .isEqualTo(totals.orders());
    assertThat(kpis.get("calls").asLong()).as("calls of %s", description).isEqualTo(totals.calls());
  }

  /**
   * Compares a metric's 1-minute series over both days (2,880 points) with the reference, minute by
   * minute; the failure lists each minute that differs.
   */
  private void assertMinutes(
      String scope,
      String metric,
      Map<Instant, ReferenceTotals.Totals> minutes,
      Function<ReferenceTotals.Totals, BigDecimal> value) {
    JsonNode points =
        ok("/api/v1/timeseries?scope="
                + scope
                + "&metric="
                + metric
                + "&period=custom&from="
                + FIRST_MINUTE
                + "&to="
                + END
                + "&step=1m")
            .get("points");
    assertThat(points).as("points of %s %s", scope, metric).hasSize(2 * 24 * 60);
    Map<Instant, String> differences = new TreeMap<>();
    Instant t = FIRST_MINUTE;
    for (JsonNode point : points) {
      assertThat(point.get("t").asText()).isEqualTo(t.toString());
      BigDecimal actual = point.get("value").decimalValue();
      ReferenceTotals.Totals totals = minutes.get(t);
      BigDecimal wanted = totals == null ? BigDecimal.ZERO : value.apply(totals);
      if (actual.compareTo(wanted) != 0) {
        differences.put(t, "expected " + wanted.toPlainString() + " but was " + actual);
      }
      t = t.plus(Duration.ofMinutes(1));
    }
    assertThat(differences).as("minutes where %s of %s differs", metric, scope).isEmpty();
  }

  private JsonNode ok(String pathAndQuery) {
    HttpResponse<String> response = running.get(pathAndQuery);
    assertThat(response.statusCode()).as("%s: %s", pathAndQuery, response.body()).isEqualTo(200);
    return running.parse(response.body());
  }

  private static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
