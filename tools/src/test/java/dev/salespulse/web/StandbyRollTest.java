package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.salespulse.tools.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling restart as operations.md describes it: two instances with one standby replica each; one
 * stops as on SIGTERM and starts again on its data directory while the other is asked for the
 * company's KPIs in a loop. Not one answer may be a 503: while the group moves the tasks, the
 * remaining instance reads the partitions nobody answers for from its own standby copies, so every
 * answer is a 200 with the exact figures, marked {@code stale} when a standby copy gave part of it,
 * and every answer comes within the request deadline.
 */
@Tag("slow")
class StandbyRollTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T16:00:00Z"), ZoneOffset.UTC);
  private static final Duration DEADLINE = Duration.ofSeconds(3);

  /** What the test's own HTTP client waits: past it, the service hung. */
  private static final Duration HUNG = DEADLINE.plusSeconds(3);

  private static final int ORDERS = 200;
  private static final String FRESH = "200 stale=false orders=" + ORDERS;
  private static final String FROM_STANDBY = "200 stale=true orders=" + ORDERS;
  private static final String COMPANY_TODAY = "/api/v1/kpis?scope=company:all&period=today";

  @Test
  void theRemainingInstanceAnswersEveryQueryExactlyWhileTheOtherStopsAndComesBack(@TempDir Path dir)
      throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0);
        BlackHoleProxy network = new BlackHoleProxy()) {
      Map<String, String> settings =
          Map.of(
              "SALESPULSE_BOOTSTRAP_SERVERS",
              broker.bootstrapServers(),
              "SALESPULSE_TOPIC_PARTITIONS",
              "4",
              "SALESPULSE_KAFKA_NUM_STANDBY_REPLICAS",
              "1",
              "SALESPULSE_REQUEST_TIMEOUT",
              "PT" + DEADLINE.toSeconds() + "S");
      // The second instance is reached through a proxy, to tell when the first one's standby
      // copies of its partitions have caught up.
      Map<String, String> second = new HashMap<>(settings);
      second.put("SALESPULSE_ADVERTISED_URL", "localhost:" + network.port());
      try (RunningApp first = RunningApp.start(dir.resolve("first"), CLOCK, settings)) {
        RunningApp other = RunningApp.start(dir.resolve("second"), CLOCK, second);
        try {
          network.forwardTo(other.app.httpPort());
          RunningApp.awaitGroupOf(broker.bootstrapServers(), 2);
          first.awaitReady();
          other.awaitReady();
          first.sendOrders(ORDERS, 20, "2026-11-26T15:00:00Z");
          awaitAnswer(first, FRESH);
          awaitAnswer(other, FRESH);
          network.blackHole();
          awaitAnswer(first, FROM_STANDBY);
          network.heal();
          awaitAnswer(first, FRESH);

          Poller poller = new Poller(first);
          poller.start();
          other.close();
          first.awaitReady();
          awaitAnswer(first, FRESH);
          other = RunningApp.start(dir.resolve("second"), CLOCK, second);
          network.forwardTo(other.app.httpPort());
          RunningApp.awaitGroupOf(broker.bootstrapServers(), 2);
          other.awaitReady();
          awaitAnswer(other, FRESH);
          awaitAnswer(first, FRESH);
          poller.stop();

          assertThat(poller.wrong).as("answers other than the exact figures").isEmpty();
          assertThat(poller.answers.get()).isPositive();
          assertThat(poller.stale.get())
              .as("answers read in part from standby copies")
              .isPositive();
          System.out.printf(
              "StandbyRollTest: %d answers during the roll, %d of them stale%n",
              poller.answers.get(), poller.stale.get());
        } finally {
          other.close();
        }
      }
    }
  }

  /** Asks an instance for the company's KPIs over and over until stopped. */
  private static final class Poller {
    final List<String> wrong = new CopyOnWriteArrayList<>();
    final AtomicInteger answers = new AtomicInteger();
    final AtomicInteger stale = new AtomicInteger();
    private final AtomicBoolean polling = new AtomicBoolean(true);
    private final Thread thread;

    Poller(RunningApp app) {
      thread =
          new Thread(
              () -> {
                while (polling.get()) {
                  String answer;
                  try {
                    answer = app.kpiSummary(app.get(COMPANY_TODAY, HUNG));
                  } catch (IllegalStateException e) {
                    answer = "no answer within " + HUNG + ": " + e.getMessage();
                  }
                  answers.incrementAndGet();
                  if (answer.equals(FROM_STANDBY)) {
                    stale.incrementAndGet();
                  } else if (!answer.equals(FRESH)) {
                    wrong.add(answer);
                  }
                }
              },
              "poller");
    }

    void start() {
      thread.start();
    }

    void stop() throws InterruptedException {
      polling.set(false);
      thread.join();
    }
  }

  private static void awaitAnswer(RunningApp app, String expected) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> assertThat(app.kpiSummary(app.get(COMPANY_TODAY, HUNG))).isEqualTo(expected));
  }
}
