package dev.salespulse.web.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.salespulse.web.process.FreePorts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

class BrokerWatchTest {

  @Test
  void saysSinceWhenNoBrokerAnswers() {
    Instant before = Instant.now();
    try (Admin admin =
            Admin.create(
                Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + FreePorts.next()));
        BrokerWatch watch = new BrokerWatch(admin, Clock.systemUTC())) {
      assertThat(watch.away()).as("before it asked").isFalse();

      watch.start();

      await().atMost(Duration.ofSeconds(30)).until(watch::away);
      assertThat(watch.unreachableSince())
          .hasValueSatisfying(since -> assertThat(since).isBetween(before, Instant.now()));
    }
  }
}
