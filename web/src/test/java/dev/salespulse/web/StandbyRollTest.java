package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.salespulse.web.local.EmbeddedKafkaBroker;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling restart as operations.md describes it: two instances with one standby replica each; one
 * stops as on SIGTERM while the other is asked for the company's KPIs in a loop. While the group
 * moves the stopped instance's tasks, the remaining one answers either the exact figures or a 503
 * with a JSON error (never a partial number: it cannot add up partial sums it cannot reach), and it
 * answers the exact figures again as soon as it is ready.
 */
@Tag("slow")
class StandbyRollTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T16:00:00Z"), ZoneOffset.UTC);
  private static final int ORDERS = 200;
  private static final String COMPANY_TODAY = "/api/v1/kpis?scope=company:all&period=today";

  @Test
  void theRemainingInstanceAnswersExactlyOrUnavailableWhileTheOtherStops(@TempDir Path dir)
      throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0)) {
      Map<String, String> settings =
          Map.of(
              "SALESPULSE_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
              "SALESPULSE_TOPIC_PARTITIONS", "4",
              "SALESPULSE_KAFKA_NUM_STANDBY_REPLICAS", "1");
      try (RunningApp first = RunningApp.start(dir.resolve("first"), CLOCK, settings)) {
        RunningApp second = RunningApp.start(dir.resolve("second"), CLOCK, settings);
        try {
          RunningApp.awaitGroupOf(broker.bootstrapServers(), 2);
          first.awaitReady();
          second.awaitReady();
          sendOrders(first);
          for (RunningApp app : List.of(first, second)) {
            await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> companyOrders(app, app.get(COMPANY_TODAY)) == ORDERS);
          }
        } catch (RuntimeException | Error e) {
          second.close();
          throw e;
        }

        List<String> wrong = new CopyOnWriteArrayList<>();
        List<Long> unavailableAt = new CopyOnWriteArrayList<>();
        AtomicBoolean polling = new AtomicBoolean(true);
        Thread poller =
            new Thread(
                () -> {
                  while (polling.get()) {
                    HttpResponse<String> answer = first.get(COMPANY_TODAY);
                    if (answer.statusCode() == 503
                        && first.parse(answer.body()).get("error").isTextual()) {
                      unavailableAt.add(System.nanoTime());
                    } else if (answer.statusCode() != 200
                        || companyOrders(first, answer) != ORDERS) {
                      wrong.add(answer.statusCode() + " " + answer.body());
                    }
                  }
                },
                "poller");
        poller.start();
        long stopped = System.nanoTime();
        second.close();
        // The survivor takes over the stopped instance's tasks from its standby replicas.
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> first.get("/health/ready").statusCode() == 200);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> companyOrders(first, first.get(COMPANY_TODAY)) == ORDERS);
        polling.set(false);
        poller.join();

        assertThat(wrong).as("answers that were neither exact nor a 503").isEmpty();
        System.out.printf(
            "StandbyRollTest: %d answers of 503, the last %.1f s after the other instance stopped%n",
            unavailableAt.size(),
            unavailableAt.isEmpty()
                ? 0.0
                : (unavailableAt.get(unavailableAt.size() - 1) - stopped) / 1e9);
      }
    }
  }

  private static long companyOrders(RunningApp app, HttpResponse<String> answer) {
    if (answer.statusCode() != 200) {
      return -1;
    }
    return app.parse(answer.body()).get("kpis").get("orders").asLong();
  }

  private static void sendOrders(RunningApp app) {
    for (int i = 0; i < ORDERS; i++) {
      String json =
          ("{\"eventId\":\"e-%d\",\"type\":\"ORDER_PLACED\",\"orderId\":\"o-%d\","
                  + "\"occurredAt\":\"2026-11-26T15:00:00Z\",\"repId\":\"rep-%d\","
                  + "\"currency\":\"USD\",\"amount\":5}")
              .formatted(i, i, i % 20);
      app.producer.send(new ProducerRecord<>(app.topics.orders().name(), "o-" + i, json));
    }
    app.producer.flush();
  }
}
