package dev.salespulse.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.salespulse.web.RunningApp;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * docs/dashboard.md: "Every tile and table says 'as of' the newest event it counts." The manager
 * view's tables, with one order placed a while before the page is opened.
 */
@Tag("slow")
class ManagerAsOfBrowserTest {
  @TempDir Path dataDir;
  @TempDir Path profile;
  private BrowserSession session;
  private RunningApp running;
  private Browser browser;

  @AfterEach
  void close() {
    if (session != null) {
      session.close();
    }
  }

  @Test
  void teamsAndRepsTablesSayAsOfTheNewestEventTheyCount() {
    session = BrowserSession.start(profile, dataDir, Clock.systemUTC(), Map.of());
    running = session.running();
    browser = session.browser();
    Instant now = Instant.now();
    Instant midnight = now.truncatedTo(ChronoUnit.DAYS);
    Instant at = now.minus(Duration.ofMinutes(10));
    at = at.isBefore(midnight) ? midnight.plusSeconds(1) : at;
    running.producer.send(
        new ProducerRecord<>(
            running.topics.orders().name(),
            "o-asof-1",
            ("{\"eventId\":\"e-asof-1\",\"type\":\"ORDER_PLACED\",\"orderId\":\"o-asof-1\","
                    + "\"occurredAt\":\"%s\",\"repId\":\"rep-1\",\"currency\":\"USD\","
                    + "\"amount\":120}")
                .formatted(at.truncatedTo(ChronoUnit.SECONDS))));
    running.producer.flush();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                running
                        .getJson("/api/v1/kpis?scope=company:all&period=today")
                        .get("kpis")
                        .get("orders")
                        .asLong()
                    == 1);

    browser.open(running.uri("/?view=manager").toString());
    browser
        .await(Duration.ofSeconds(30))
        .until(
            d ->
                !d.findElement(By.id("m-asof")).getText().equals("—")
                    && d.findElement(By.id("m-reps-note")).getText().contains("as of")
                    && !d.findElements(By.cssSelector("#m-teams tbody tr")).isEmpty());

    // The summary's "as of" is the order's time, formatted by the page itself.
    String asOf = "as of " + browser.driver.findElement(By.id("m-asof")).getText();
    assertThat(browser.driver.findElement(By.id("m-reps-note")).getText())
        .as("the reps table's note")
        .endsWith(asOf);
    assertThat(browser.driver.findElement(By.id("m-teams-card")).getText())
        .as("the teams table's card")
        .contains(asOf);
  }
}
