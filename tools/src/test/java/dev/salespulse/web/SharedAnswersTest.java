package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md, "REST answers shared within a tick", end to end: a client polling as fast as it can is
 * mostly served kept answers (hits outnumber the queries run), and one that has seen a change on
 * /ws/live reads it over REST at once, never an older kept answer (the feed and REST share them).
 * LiveAnswersTest covers which change drops which answer.
 */
@Tag("slow")
class SharedAnswersTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T15:00:00Z"), ZoneOffset.UTC);
  private static final BigDecimal REVENUE = new BigDecimal("1250.50");
  private static final String KPIS = "/api/v1/kpis?scope=company:all&period=today";
  private static final Pattern LOOKUPS =
      Pattern.compile("salespulse_answers_lookups_total\\{result=\"(hit|miss)\"} ([0-9.]+)");

  @TempDir Path dataDir;
  private RunningApp running;
  private LiveSocket socket;
  private final AtomicBoolean polling = new AtomicBoolean(true);
  private final AtomicInteger polled = new AtomicInteger();
  private Thread poller;

  @BeforeEach
  void start() {
    running = RunningApp.start(dataDir, CLOCK, Map.of("SALESPULSE_PUSH_HZ", "1"));
    running.awaitReady();
    socket = LiveSocket.open(running);
  }

  @AfterEach
  void stop() throws InterruptedException {
    polling.set(false);
    if (poller != null) {
      poller.join(10_000);
    }
    socket.close();
    running.close();
  }

  @Test
  void aChangeSeenOnTheLiveFeedIsInTheNextRestAnswerWhilePollersShareOne() {
    socket.send("{\"subscribe\":[\"company:all\"],\"period\":\"today\"}");
    await().atMost(Duration.ofSeconds(30)).until(() -> !socket.messages("snapshot").isEmpty());
    poller =
        new Thread(
            () -> {
              while (polling.get()) {
                running.get(KPIS);
                polled.incrementAndGet();
              }
            });
    poller.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> polled.get() >= 20);

    running.producer.send(
        new ProducerRecord<>(
            running.topics.orders().name(),
            "o-1",
            "{\"eventId\":\"e-1\",\"type\":\"ORDER_PLACED\",\"orderId\":\"o-1\","
                + "\"occurredAt\":\"2026-11-26T14:03:22Z\",\"repId\":\"rep-7\","
                + "\"currency\":\"USD\",\"amount\":1250.50}"));
    running.producer.flush();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                socket
                    .answers("company:all")
                    .anyMatch(
                        data ->
                            data.get("kpis").get("revenue").decimalValue().compareTo(REVENUE)
                                == 0));

    assertThat(running.getJson(KPIS).get("kpis").get("revenue").decimalValue())
        .isEqualByComparingTo(REVENUE);
    Map<String, Double> lookups = lookups();
    assertThat(lookups.get("hit")).isGreaterThan(lookups.get("miss"));
  }

  private Map<String, Double> lookups() {
    Matcher matcher = LOOKUPS.matcher(running.get("/metrics").body());
    Map<String, Double> counts = new HashMap<>();
    while (matcher.find()) {
      counts.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
    }
    return counts;
  }
}
