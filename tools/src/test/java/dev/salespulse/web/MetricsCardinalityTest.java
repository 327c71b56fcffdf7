package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The number of {@code /metrics} series does not grow with reps and customers: 10,000 orders of
 * 10,000 reps and 10,000 customers never seen before go through the real topology, and SalesPulse's
 * own series (events, freshness, business gauges, HTTP, WebSocket, restore, lag) are exactly those
 * of before, with rep-level gauges off (the default).
 *
 * <p>The Kafka client binder and the JVM binders add series on their own schedule (a client metric
 * first seen, a new GC cause); none of them is labelled by data, which the test checks by looking
 * for the new ids in every label of every series.
 */
@Tag("slow")
class MetricsCardinalityTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T16:00:00Z"), ZoneOffset.UTC);
  private static final String OCCURRED_AT = "2026-11-26T15:00:00Z";
  private static final int WARM_UP = 40;
  private static final int NEW_REPS = 10_000;
  private static final int MADE_UP_METHODS = 20;

  /** GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, TRACE, CONNECT and one value for the rest. */
  private static final int HTTP_METHODS_AND_OTHER = 10;

  private static final String COMPANY_ORDERS =
      "salespulse_orders{period=\"today\",scope=\"company:all\"}";

  @Test
  void seriesStayFlatWhenTenThousandRepsAndCustomersAppear(@TempDir Path dataDir) {
    try (RunningApp running = RunningApp.start(dataDir, CLOCK, Map.of())) {
      running.awaitReady();
      for (int i = 0; i < WARM_UP; i++) {
        sendOrder(running, "warm-" + i, "rep-warm-" + (i % 4), "cust-warm-" + i);
        sendCall(running, "rep-warm-" + (i % 4), "call-warm-" + i);
      }
      running.producer.send(
          new ProducerRecord<>(running.topics.orders().name(), "bad", "not json"));
      running.producer.flush();
      awaitCompanyOrders(running, WARM_UP);
      Scrape before = scrape(running);

      for (int i = 0; i < NEW_REPS; i++) {
        sendOrder(running, "new-" + i, "rep-new-" + i, "cust-new-" + i);
      }
      running.producer.flush();
      awaitCompanyOrders(running, WARM_UP + NEW_REPS);
      Scrape after = scrape(running);

      assertThat(ownSeries(after)).isEqualTo(ownSeries(before));
      assertThat(after.series().keySet())
          .as("series labelled with a rep or customer id")
          .noneMatch(key -> key.contains("rep-new-") || key.contains("cust-new-"));
      Set<String> added = new TreeSet<>(after.series().keySet());
      added.removeAll(before.series().keySet());
      assertThat(added.size())
          .as("series added by the Kafka and JVM binders: %s", added)
          .isLessThan(50);
      assertThat(after.value("salespulse_events_processed_total{topic=\"sales.orders\"}"))
          .hasValue((double) WARM_UP + NEW_REPS + 1);
    }
  }

  /**
   * The HTTP method is chosen by the client: any token is a valid method to Jetty, and each one a
   * client makes up must not become a series of {@code http_server_requests_seconds} (only the
   * route template and the status, which the server chooses, may add series).
   */
  @Test
  void madeUpRequestMethodsAddNoHttpSeries(@TempDir Path dataDir)
      throws IOException, InterruptedException {
    try (RunningApp running = RunningApp.start(dataDir, CLOCK, Map.of())) {
      running.awaitReady();
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < MADE_UP_METHODS; i++) {
        http.send(
            HttpRequest.newBuilder(running.uri("/health/live"))
                .method("PROBE" + i, HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.discarding());
      }
      Set<String> methods =
          scrape(running).series().keySet().stream()
              .filter(key -> key.startsWith("http_server_requests_seconds_count{"))
              .map(key -> key.replaceAll(".*method=\"([^\"]*)\".*", "$1"))
              .collect(Collectors.toCollection(TreeSet::new));
      assertThat(methods)
          .as("method label values after %d made-up methods", MADE_UP_METHODS)
          .hasSizeLessThanOrEqualTo(HTTP_METHODS_AND_OTHER);
    }
  }

  private static Set<String> ownSeries(Scrape scrape) {
    return scrape.series().keySet().stream()
        .filter(key -> !key.startsWith("kafka_") && !key.startsWith("jvm_"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Scrape scrape(RunningApp running) {
    return Scrape.parse(running.get("/metrics").body());
  }

  /** Waits until the business gauge shows every order: the topology and the stores are through. */
  private static void awaitCompanyOrders(RunningApp running, int orders) {
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> assertThat(scrape(running).value(COMPANY_ORDERS)).hasValue((double) orders));
  }

  private static void sendOrder(RunningApp running, String id, String rep, String customer) {
    String json =
        "{\"eventId\":\"e-%s\",\"type\":\"ORDER_PLACED\",\"orderId\":\"o-%s\",\"occurredAt\":\"%s\",\"repId\":\"%s\",\"customerId\":\"%s\",\"currency\":\"USD\",\"amount\":10.25}"
            .formatted(id, id, OCCURRED_AT, rep, customer);
    running.producer.send(new ProducerRecord<>(running.topics.orders().name(), "o-" + id, json));
  }

  private static void sendCall(RunningApp running, String rep, String id) {
    String json =
        "{\"eventId\":\"%s\",\"type\":\"CALL\",\"occurredAt\":\"%s\",\"repId\":\"%s\",\"outcome\":\"CONNECTED\"}"
            .formatted(id, OCCURRED_AT, rep);
    running.producer.send(new ProducerRecord<>(running.topics.activities().name(), rep, json));
  }
}
