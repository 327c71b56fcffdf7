package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.tools.broker.EmbeddedKafkaBroker;
import dev.salespulse.tools.simulate.EventGenerator;
import dev.salespulse.tools.simulate.SalesFloor;
import dev.salespulse.tools.simulate.SimulatedRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two SalesPulse instances share the work (each owns about half of the partitions); either one
 * answers every query with the whole cluster's numbers.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 26);
  private static final int EVENTS = 600;
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T23:30:00Z"), ZoneOffset.UTC);

  private EmbeddedKafkaBroker broker;
  private RunningApp first;
  private RunningApp second;
  private final ReferenceTotals expected = new ReferenceTotals();

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0);
    Map<String, String> settings =
        Map.of(
            "SALESPULSE_BOOTSTRAP_SERVERS",
            broker.bootstrapServers(),
            "SALESPULSE_TOPIC_PARTITIONS",
            "4");
    first = RunningApp.start(dir.resolve("first"), CLOCK, settings);
    second = RunningApp.start(dir.resolve("second"), CLOCK, settings);
    RunningApp.awaitGroupOf(broker.bootstrapServers(), 2);
    first.awaitReady();
    second.awaitReady();

    EventGenerator generator =
        new EventGenerator(SalesFloor.generate(10, 11L), ZoneOffset.UTC, 11L);
    for (SimulatedRecord entry : generator.roster()) {
      expected.roster(entry.json());
      first.producer.send(
          new ProducerRecord<>(first.topics.reps().name(), entry.key(), entry.json()));
    }
    first.producer.flush();
    String someRep = generator.roster().get(0).key();
    String name = first.parse(generator.roster().get(0).json()).get("name").asText();
    for (RunningApp app : List.of(first, second)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  name.equals(
                      app.getJson("/api/v1/kpis?scope=rep:" + someRep).path("name").asText()));
    }
    for (SimulatedRecord event : generator.day(DAY, EVENTS)) {
      boolean order = event.topicKind().equals(SimulatedRecord.ORDERS);
      if (order) {
        expected.order(event.json());
      } else {
        expected.activity(event.json());
      }
      String topic = order ? first.topics.orders().name() : first.topics.activities().name();
      first.producer.send(new ProducerRecord<>(topic, event.key(), event.json()));
    }
    first.producer.flush();
  }

  @AfterAll
  void stop() {
    second.close();
    first.close();
    broker.close();
  }

  @Test
  void eitherInstanceAnswersEveryScopeWithTheWholeClustersNumbers() {
    for (RunningApp app : List.of(first, second)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                for (String scope : expected.all().keySet()) {
                  JsonNode kpis =
                      app.getJson("/api/v1/kpis?scope=" + scope + "&period=today").get("kpis");
                  ReferenceTotals.Totals totals = expected.of(scope);
                  assertThat(kpis.get("revenue").decimalValue())
                      .as("revenue of %s on port %d", scope, app.app.httpPort())
                      .isEqualByComparingTo(totals.revenue());
                  assertThat(kpis.get("orders").asLong())
                      .as("orders of %s", scope)
                      .isEqualTo(totals.orders());
                  assertThat(kpis.get("calls").asLong())
                      .as("calls of %s", scope)
                      .isEqualTo(totals.calls());
                }
              });
    }
  }

  /**
   * The work split: each instance reads the events of the partitions it owns, and between them all
   * of the events (the capacity section of docs/operations.md rests on this). The metric counts
   * reads, which an aborted transaction would repeat, hence at least; that every event counts once
   * is what the other tests of this class check.
   */
  @Test
  void eachInstanceReadsItsShareOfTheEvents() {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              long firstCounted = processed(first);
              long secondCounted = processed(second);
              assertThat(firstCounted).as("events counted by the first instance").isPositive();
              assertThat(secondCounted).as("events counted by the second instance").isPositive();
              assertThat(firstCounted + secondCounted).isGreaterThanOrEqualTo(EVENTS);
            });
  }

  /** The input events this instance's tasks have processed, from its {@code /metrics}. */
  private static long processed(RunningApp app) {
    return app.get("/metrics")
        .body()
        .lines()
        .filter(line -> line.startsWith("salespulse_events_processed_total{"))
        .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Test
  void bothInstancesGiveTheSameLeaderboardCustomersAndTimeSeries() {
    String[] queries = {
      "/api/v1/leaderboard?dimension=rep&metric=revenue&period=today&limit=20",
      "/api/v1/kpis?scope=company:all&period=today",
      "/api/v1/timeseries?scope=company:all&metric=orders&period=today&step=1h"
    };
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              for (String query : queries) {
                JsonNode a = first.getJson(query);
                JsonNode b = second.getJson(query);
                assertThat(a.has("error")).as(query).isFalse();
                assertThat(a.get("rows") == null ? a.get("kpis") : a.get("rows"))
                    .as(query)
                    .isEqualTo(b.get("rows") == null ? b.get("kpis") : b.get("rows"));
                assertThat(a.get("points")).as(query).isEqualTo(b.get("points"));
              }
              assertThat(first.getJson(queries[1]).get("kpis").get("customers").asLong())
                  .isPositive();
            });
  }

  /**
   * The batch partials (every day of a series, every profile bucket of a range, every scope's
   * customers) add up across instances as the single ones do: each instance answers the same, and
   * the same as a question answered another way.
   */
  @Test
  void bothInstancesAddUpTheBatchPartialsAsTheSingleOnes() {
    String byDay = "/api/v1/timeseries?scope=company:all&metric=orders&period=wtd&step=1d";
    // From before the minute buckets' reach: read from the revenue profile.
    String profile =
        "/api/v1/timeseries?scope=company:all&metric=grossRevenue&period=custom"
            + "&from=2026-11-24&to=2026-11-27&step=15m";
    String minutes =
        "/api/v1/timeseries?scope=company:all&metric=grossRevenue&period=today&step=15m";
    String customers = "/api/v1/leaderboard?dimension=rep&metric=customers&period=today&limit=50";
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              for (RunningApp app : List.of(first, second)) {
                JsonNode days = app.getJson(byDay).get("points");
                assertThat(days.get(days.size() - 1).get("value").asLong())
                    .as("orders of today in days")
                    .isEqualTo(expected.of("company:all").orders());
                JsonNode quarters = app.getJson(profile).get("points");
                JsonNode today = app.getJson(minutes).get("points");
                assertThat(quarters.size()).isEqualTo(3 * 96);
                assertThat(
                        quarters.findValues("value").stream().mapToDouble(JsonNode::asDouble).sum())
                    .as("gross revenue of the three days")
                    .isPositive();
                for (int i = 0; i < 96; i++) {
                  assertThat(quarters.get(2 * 96 + i).get("value").decimalValue())
                      .as("gross revenue of quarter %d from the profile", i)
                      .isEqualByComparingTo(today.get(i).get("value").decimalValue());
                }
                JsonNode rows = app.getJson(customers).get("rows");
                assertThat(rows.size()).isPositive();
                for (JsonNode row : rows) {
                  long own =
                      app.getJson(
                              "/api/v1/kpis?scope=" + row.get("scope").asText() + "&period=today")
                          .get("kpis")
                          .get("customers")
                          .asLong();
                  assertThat(row.get("value").asLong()).as(row.toString()).isEqualTo(own);
                }
              }
              assertThat(first.getJson(customers).get("rows"))
                  .isEqualTo(second.getJson(customers).get("rows"));
            });
  }
}
