package dev.salespulse.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.web.RunningApp;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * docs/dashboard.md: {@code token} is the viewer token, when SALESPULSE_VIEWER_TOKEN is set; the
 * manager view's "Download CSV" links carry it, with the period and filter shown.
 */
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
    LocalDate before = LocalDate.now(running.config.reporting().timezone());
    List<?> download = fetchFromPage("m-reps-csv");
    LocalDate after = LocalDate.now(running.config.reporting().timezone());
    assertThat(download.get(0)).as("status of the reps table's CSV").isEqualTo(200L);
    assertThat(download.get(1))
        .isIn(
            "attachment; filename=\"salespulse-reps-company-all-today-" + before + ".csv\"",
            "attachment; filename=\"salespulse-reps-company-all-today-" + after + ".csv\"");
    assertThat(download.get(2))
        .isEqualTo(
            "scope,name,team,region,revenue,target,attainment,pace,projected,gap,grossRevenue,"
                + "orders,units,aov,refundRate,calls,emails,meetings,demos,leads,connectRate,"
                + "dealsWon,dealsLost,winRate\r\n"
                + "rep:rep-1,rep-1,,,321.00,,,,,,321.00,1,0,321.00,0.0000,0,0,0,0,0,,0,0,\r\n");
    assertThat(browser.driver.findElement(By.id("m-reps-csv")).getText()).isEqualTo("Download CSV");

    browser.driver.findElement(By.id("m-period")).sendKeys("Yesterday");
    browser
        .await(Duration.ofSeconds(10))
        .until(d -> d.getCurrentUrl().contains("period=yesterday"));
    assertThat(browser.driver.getCurrentUrl()).contains("token=" + TOKEN);
    assertThat(browser.driver.findElement(By.id("m-teams-csv")).getAttribute("href"))
        .isEqualTo(
            running
                .uri(
                    "/api/v1/table?dimension=team&scope=company%3Aall&period=yesterday"
                        + "&format=csv&token="
                        + TOKEN)
                .toString());
    assertThat(fetchFromPage("m-teams-csv").get(0))
        .as("status of the teams table's CSV")
        .isEqualTo(200L);
  }

  /** Fetches a link's address from the page: status, Content-Disposition and text. */
  private List<?> fetchFromPage(String linkId) {
    return (List<?>)
        browser.driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch(document.getElementById(arguments[0]).href)"
                + ".then(async (r) => done([r.status, r.headers.get('Content-Disposition'),"
                + " await r.text()]))"
                + ".catch((e) => done([0, String(e), '']));",
            linkId);
  }
}
