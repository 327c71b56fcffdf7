package dev.salespulse.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.web.RunningApp;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** docs/dashboard.md: {@code token} is the viewer token, when SALESPULSE_VIEWER_TOKEN is set. */
@Tag("slow")
class DashboardViewerTokenBrowserTest {
  private static final String TOKEN = "s3cret-viewer";

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
  void wallAndManagerWorkWithTheTokenInTheirAddress() {
    session =
        BrowserSession.start(
            profile, dataDir, Clock.systemUTC(), Map.of("SALESPULSE_VIEWER_TOKEN", TOKEN));
    running = session.running();
    browser = session.browser();
    running.producer.send(
        new ProducerRecord<>(
            running.topics.orders().name(),
            "o-token-1",
            ("{\"eventId\":\"e-token-1\",\"type\":\"ORDER_PLACED\",\"orderId\":\"o-token-1\","
                    + "\"occurredAt\":\"%s\",\"repId\":\"rep-1\",\"currency\":\"USD\","
                    + "\"amount\":321}")
                .formatted(Instant.now().minusSeconds(5))));
    running.producer.flush();

    browser.open(running.uri("/?view=wall&rotate=0&token=" + TOKEN).toString());
    browser
        .await(Duration.ofSeconds(60))
        .until(
            d ->
                "live".equals(d.findElement(By.tagName("body")).getAttribute("data-conn"))
                    && d.findElement(By.id("w-revenue-value")).getText().equals("$321.00")
                    && d.findElements(By.cssSelector("#w-leaders li")).size() == 1);

    browser.open(running.uri("/?view=manager&token=" + TOKEN).toString());
    browser
        .await(Duration.ofSeconds(30))
        .until(
            d ->
                "live".equals(d.findElement(By.tagName("body")).getAttribute("data-conn"))
                    && d.findElements(By.cssSelector("#m-reps tbody tr")).size() == 1);
    browser.driver.findElement(By.id("m-period")).sendKeys("Yesterday");
    browser
        .await(Duration.ofSeconds(10))
        .until(d -> d.getCurrentUrl().contains("period=yesterday"));
    assertThat(browser.driver.getCurrentUrl()).contains("token=" + TOKEN);
  }
}
