package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wall clock of the process jumps while SalesPulse runs (an NTP step, a VM resumed from a
 * snapshot, an operator setting the time): KPIs keep moving after a jump back, and a jump forward
 * past the dedup retention does not make a resent event count twice. The jumps reach everything
 * that reads the process's clock (queries, the live feed, Kafka Streams' clock as handed to it).
 */
@Tag("slow")
class ClockJumpEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Instant OCCURRED = Instant.now().truncatedTo(ChronoUnit.MINUTES);
  private static final LocalDate DAY = LocalDate.ofInstant(OCCURRED, ZoneOffset.UTC);

  @Test
  void shouldKeepCountingAfterTheClockJumpsBackAndCountAResendOnceAfterItJumpsForward(
      @TempDir Path dir) {
    JumpingClock clock = new JumpingClock();
    try (RunningApp running = RunningApp.start(dir, clock, Map.of())) {
      running.awaitReady();
      send(running, running.topics.orders().name(), "o-1", order("e-1", "o-1", "100.00"));
      send(running, running.topics.activities().name(), "rep-7", call("a-1"));
      awaitKpis(running, "100.00", 1);

      clock.jump(Duration.ofHours(-1));
      send(running, running.topics.orders().name(), "o-2", order("e-2", "o-2", "50.00"));

      awaitKpis(running, "150.00", 1);

      clock.jump(Duration.ofDays(8));
      send(running, running.topics.activities().name(), "rep-7", call("a-1"));
      send(running, running.topics.activities().name(), "rep-7", call("a-2"));

      await()
          .atMost(WAIT)
          .until(() -> Scrape.parse(metrics(running)).sum("salespulse_events_duplicate_total") > 0);
      awaitKpis(running, "150.00", 2);
      Scrape scrape = Scrape.parse(metrics(running));
      assertThat(scrape.sum("salespulse_events_duplicate_total")).isEqualTo(1.0);
      assertThat(scrape.sum("salespulse_clock_offset_seconds"))
          .isCloseTo(Duration.ofDays(8).minusHours(1).toSeconds(), within(1.0));
    }
  }

  private static void awaitKpis(RunningApp running, String revenue, int calls) {
    String query =
        "/api/v1/kpis?scope=company:all&period=custom&from=" + DAY + "&to=" + DAY.plusDays(1);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              JsonNode kpis = running.getJson(query).path("kpis");
              assertThat(kpis.path("revenue").decimalValue()).isEqualByComparingTo(revenue);
              assertThat(kpis.path("calls").asLong()).isEqualTo(calls);
            });
  }

  private static String metrics(RunningApp running) {
    return running.get("/metrics").body();
  }

  private static void send(RunningApp running, String topic, String key, String json) {
    running.producer.send(new ProducerRecord<>(topic, key, json));
    running.producer.flush();
  }

  private static String order(String eventId, String orderId, String amount) {
    return """
        {"eventId":"%s","type":"ORDER_PLACED","orderId":"%s","occurredAt":"%s",\
        "repId":"rep-7","currency":"USD","amount":%s}"""
        .formatted(eventId, orderId, OCCURRED, amount);
  }

  private static String call(String eventId) {
    return """
        {"eventId":"%s","type":"CALL","occurredAt":"%s","repId":"rep-7","outcome":"CONNECTED"}"""
        .formatted(eventId, OCCURRED);
  }

  /** The system clock, moved by whole jumps as a clock step would move it. */
  private static final class JumpingClock extends Clock {
    private final AtomicLong offsetMs;
    private final ZoneId zone;

    JumpingClock() {
      this(new AtomicLong(), ZoneOffset.UTC);
    }

    private JumpingClock(AtomicLong offsetMs, ZoneId zone) {
      this.offsetMs = offsetMs;
      this.zone = zone;
    }

    void jump(Duration by) {
      offsetMs.addAndGet(by.toMillis());
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
      return new JumpingClock(offsetMs, other);
    }

    @Override
    public long millis() {
      return System.currentTimeMillis() + offsetMs.get();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }
  }
}
