package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live subscription whose answer changes because time passes, not because an event arrived: at
 * the business day's midnight "today" is a new, empty day. The wallboard takes its tiles from
 * /ws/live only (wall.js subscribes 'today'); without an update at midnight a team with no sale yet
 * shows yesterday's revenue as today's until its first event of the day.
 */
@Tag("slow")
class LiveFeedClockTest {

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-26T23:58:00Z"));

  @TempDir Path dataDir;
  private RunningApp running;
  private LiveSocket socket;

  @BeforeEach
  void start() {
    running = RunningApp.start(dataDir, clock, Map.of("SALESPULSE_PUSH_HZ", "4"));
    running.awaitReady();
    socket = LiveSocket.open(running);
  }

  @AfterEach
  void stop() {
    socket.close();
    running.close();
  }

  @Test
  void pushesTheNewDayAtMidnightWithoutAnEvent() {
    socket.send("{\"subscribe\":[\"company:all\"],\"period\":\"today\"}");
    running.producer.send(
        new ProducerRecord<>(
            running.topics.orders().name(),
            "o-1",
            "{\"eventId\":\"e-1\",\"type\":\"ORDER_PLACED\",\"orderId\":\"o-1\","
                + "\"occurredAt\":\"2026-11-26T23:50:00Z\",\"repId\":\"rep-7\","
                + "\"currency\":\"USD\",\"amount\":1250.50}"));
    running.producer.flush();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> answers().anyMatch(a -> revenue(a).equals("1250.50")));

    clock.set(Instant.parse("2026-11-27T00:00:30Z"));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(answers().filter(a -> a.get("from").asText().startsWith("2026-11-27")))
                    .isNotEmpty()
                    .allSatisfy(a -> assertThat(revenue(a)).isEqualTo("0.00")));
  }

  /** The company's answers pushed so far: snapshots, updates and coalesced updates. */
  private Stream<JsonNode> answers() {
    return socket.answers("company:all");
  }

  private static String revenue(JsonNode answer) {
    return answer.get("kpis").get("revenue").decimalValue().toPlainString();
  }
}
