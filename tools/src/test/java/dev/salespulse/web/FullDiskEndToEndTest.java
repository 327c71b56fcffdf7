package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.tools.broker.EmbeddedKafkaBroker;
import dev.salespulse.web.disk.Tmpfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state directory's disk fills up while SalesPulse counts (a real, small tmpfs; the broker
 * elsewhere): Kafka Streams stops rather than serving frozen numbers, and once space is freed a
 * restart on the same state directory counts every event exactly once.
 */
@Tag("slow")
class FullDiskEndToEndTest {
  private static final int EVENTS = 100_000;
  private static final Instant OCCURRED = Instant.now().truncatedTo(ChronoUnit.MINUTES);
  private static final LocalDate DAY = LocalDate.ofInstant(OCCURRED, ZoneOffset.UTC);

  @Test
  void shouldStopWhenTheStateDiskIsFullAndCountExactlyAfterARestart(@TempDir Path dir)
      throws Exception {
    Path mountPoint = Files.createDirectories(dir.resolve("disk"));
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0);
        Tmpfs disk = Tmpfs.mount(mountPoint, "size=1g")) {
      Map<String, String> settings =
          Map.of(
              "SALESPULSE_BOOTSTRAP_SERVERS",
              broker.bootstrapServers(),
              "SALESPULSE_DISK_MIN_FREE_MB",
              "16");
      Path dataDir = disk.path().resolve("data");
      AtomicReference<Throwable> fatal = new AtomicReference<>();
      RunningApp first =
          RunningApp.start(dataDir, Clock.systemUTC(), settings, error -> fatal.set(error));
      try {
        first.awaitReady();
        disk.fillUp();
        for (int i = 0; i < EVENTS; i++) {
          first.producer.send(
              new ProducerRecord<>(
                  first.topics.activities().name(), "rep-" + (i % 50), call("a-" + i, i % 50)));
        }
        first.producer.flush();

        await().atMost(Duration.ofMinutes(3)).until(() -> fatal.get() != null);
      } finally {
        first.close();
      }

      Files.delete(disk.path().resolve("filler"));
      try (RunningApp second = RunningApp.start(dataDir, Clock.systemUTC(), settings)) {
        second.awaitReady();
        String query =
            "/api/v1/kpis?scope=company:all&period=custom&from=" + DAY + "&to=" + DAY.plusDays(1);
        await()
            .atMost(Duration.ofMinutes(3))
            .untilAsserted(
                () -> {
                  JsonNode kpis = second.getJson(query).path("kpis");
                  assertThat(kpis.path("calls").asLong()).isEqualTo(EVENTS);
                });
      }
      assertThat(fatal.get()).hasStackTraceContaining("No space left on device");
    }
  }

  private static String call(String eventId, int rep) {
    return """
        {"eventId":"%s","type":"CALL","occurredAt":"%s","repId":"rep-%d","outcome":"CONNECTED"}"""
        .formatted(eventId, OCCURRED, rep);
  }
}
