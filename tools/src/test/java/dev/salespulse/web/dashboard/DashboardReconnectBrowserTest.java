package dev.salespulse.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.web.RunningApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The wallboard when its server goes away: it says so plainly (disconnected, dimmed, the age of its
 * figures) and, once a server answers on the same address again, reconnects by itself, resubscribes
 * and is live again with that server's figures.
 */
@Tag("slow")
class DashboardReconnectBrowserTest {
  /** What a browser logs while the server is down or starting: expected here, nothing else. */
  private static final Pattern OUTAGE =
      Pattern.compile(
          ".*(ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|ERR_EMPTY_RESPONSE"
              + "|WebSocket connection to .* failed|status of 503).*");

  @TempDir Path first;
  @TempDir Path second;
  @TempDir Path profile;
  private RunningApp running;
  private Browser browser;

  @AfterEach
  void close() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (running != null) {
        running.close();
      }
    }
  }

  @Test
  void showsTheOutageAndRecoversWhenAServerIsBackOnTheSamePort() {
    int port = freePort();
    running = start(first, port);
    order(running, "o-before", "2500.00");
    browser = new Browser(profile);
    browser.open("http://localhost:" + port + "/?view=wall&rotate=0");
    browser.await(Duration.ofSeconds(30)).until(d -> connection(d).equals("live"));
    browser
        .await(Duration.ofSeconds(30))
        .until(
            d ->
                "2500.00".equals(d.findElement(By.id("w-revenue-value")).getAttribute("data-value"))
                    || "2500"
                        .equals(
                            d.findElement(By.id("w-revenue-value")).getAttribute("data-value")));
    assertThat(browser.severeConsoleEntries()).as("console errors while live").isEmpty();

    running.close();
    running = null;

    browser
        .await(Duration.ofSeconds(15))
        .until(d -> connection(d).equals("stale") || connection(d).equals("disconnected"));
    String status = browser.driver.findElement(By.id("status-text")).getText();
    assertThat(status).startsWith("Disconnected").contains("data from").contains("ago");
    assertThat(browser.driver.findElement(By.id("w-revenue-value")).getCssValue("color"))
        .as("figures dimmed")
        .isNotEqualTo("rgba(230, 237, 243, 1)");

    running = start(second, port);
    order(running, "o-after", "700.00");
    browser.await(Duration.ofSeconds(60)).until(d -> connection(d).equals("live"));
    browser
        .await(Duration.ofSeconds(30))
        .until(
            d ->
                "700.00".equals(d.findElement(By.id("w-revenue-value")).getAttribute("data-value"))
                    || "700"
                        .equals(
                            d.findElement(By.id("w-revenue-value")).getAttribute("data-value")));
    assertThat(browser.driver.findElement(By.id("status-text")).getText()).startsWith("Live");
    assertThat(browser.severeConsoleEntries(message -> OUTAGE.matcher(message).matches()))
        .as("console errors other than the outage's failed connections")
        .isEmpty();
  }

  private static RunningApp start(Path dataDir, int port) {
    RunningApp app =
        RunningApp.start(
            dataDir, Clock.systemUTC(), Map.of("SALESPULSE_HTTP_PORT", Integer.toString(port)));
    app.awaitReady();
    return app;
  }

  private static void order(RunningApp app, String orderId, String amount) {
    app.producer.send(
        new ProducerRecord<>(
            app.topics.orders().name(),
            orderId,
            ("{\"eventId\":\"e-%s\",\"type\":\"ORDER_PLACED\",\"orderId\":\"%s\","
                    + "\"occurredAt\":\"%s\",\"repId\":\"rep-1\",\"currency\":\"USD\","
                    + "\"amount\":%s}")
                .formatted(orderId, orderId, Instant.now().minusSeconds(5), amount)));
    app.producer.flush();
  }

  private static String connection(WebDriver driver) {
    String state = driver.findElement(By.tagName("body")).getAttribute("data-conn");
    return state == null ? "" : state;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
