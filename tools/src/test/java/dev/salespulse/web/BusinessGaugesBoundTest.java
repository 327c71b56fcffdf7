package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event's own {@code teamId} wins over the roster's, so a producer can invent any number of
 * teams: the business gauges show at most 200 of them, those with the most revenue this month, and
 * {@code /metrics} stays bounded.
 */
@Tag("slow")
class BusinessGaugesBoundTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T16:00:00Z"), ZoneOffset.UTC);
  private static final int TEAMS = 230;
  private static final int SHOWN = 200;
  private static final Pattern TEAM_SCOPE = Pattern.compile("scope=\"(team:[^\"]+)\"");

  @Test
  void shouldShowTheTeamsWithTheMostRevenueUpToTheBound(@TempDir Path dir) {
    try (RunningApp running = RunningApp.start(dir, CLOCK, Map.of())) {
      for (int i = 0; i < TEAMS; i++) {
        // Team i sells i + 1 dollars: the 30 smallest are the ones left out.
        String json =
            ("{\"eventId\":\"e-%d\",\"type\":\"ORDER_PLACED\",\"orderId\":\"o-%d\","
                    + "\"occurredAt\":\"2026-11-26T10:00:00Z\",\"repId\":\"rep-%d\","
                    + "\"teamId\":\"team-%03d\",\"region\":\"EMEA\",\"currency\":\"USD\","
                    + "\"amount\":%d}")
                .formatted(i, i, i, i, i + 1);
        running.producer.send(new ProducerRecord<>(running.topics.orders().name(), "o-" + i, json));
      }
      running.producer.flush();

      // The gauges are read every 15 s, and the partitions are counted at their own pace: wait
      // for a refresh that has seen every event.
      Set<String> largest = new TreeSet<>();
      for (int i = TEAMS - SHOWN; i < TEAMS; i++) {
        largest.add("team:team-%03d".formatted(i));
      }
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(() -> assertThat(teamSeries(running)).isEqualTo(largest));
    }
  }

  private static Set<String> teamSeries(RunningApp running) {
    Set<String> teams = new TreeSet<>();
    for (String line : running.get("/metrics").body().split("\n")) {
      Matcher team = TEAM_SCOPE.matcher(line);
      if (line.startsWith("salespulse_revenue{")
          && line.contains("period=\"today\"")
          && team.find()) {
        teams.add(team.group(1));
      }
    }
    return teams;
  }
}
