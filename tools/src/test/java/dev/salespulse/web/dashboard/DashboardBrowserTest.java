package dev.salespulse.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.web.RunningApp;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real headless Chromium against a running SalesPulse (embedded broker, real
 * Kafka Streams, real HTTP and WebSocket): the wallboard's figures are the API's figures, live; its
 * leaderboard is the API's order; the manager view's rep table sorts; neither page logs an error.
 * Screenshots of both views at 1920x1080 are written to {@code target/screenshots/}.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final NumberFormat USD = NumberFormat.getCurrencyInstance(Locale.US);

  private RunningApp running;
  private Browser browser;
  @TempDir Path profiles;

  @BeforeAll
  void startAndProduce(@TempDir Path dataDir) {
    assertThat(Browser.missing()).as("headless Chromium on this machine").isNull();
    running = RunningApp.start(dataDir, Clock.systemUTC(), Map.of());
    SalesDay.produce(running, Instant.now());
  }

  @AfterAll
  void stop() {
    running.close();
  }

  @BeforeEach
  void openBrowser() {
    browser = new Browser(profiles.resolve("profile-" + System.nanoTime()));
  }

  @AfterEach
  void noConsoleErrorsAndClose() {
    try {
      assertThat(browser.severeConsoleEntries()).as("browser console errors").isEmpty();
    } finally {
      browser.close();
    }
  }

  @Test
  void wallShowsTheApisRevenueAndFollowsANewOrderWithinTwoSeconds() {
    browser.open(wallUrl());
    awaitLive();
    WebElement revenue = browser.driver.findElement(By.id("w-revenue-value"));
    browser
        .await(Duration.ofSeconds(10))
        .until(d -> sameAmount(revenue.getAttribute("data-value"), apiRevenue()));
    assertThat(revenue.getText()).isEqualTo(USD.format(apiRevenue()));

    BigDecimal before = apiRevenue();
    BigDecimal amount = new BigDecimal("1234.56");
    running.producer.send(
        new ProducerRecord<>(
            running.topics.orders().name(),
            "o-browser-1",
            ("{\"eventId\":\"e-browser-1\",\"type\":\"ORDER_PLACED\",\"orderId\":\"o-browser-1\","
                    + "\"occurredAt\":\"%s\",\"repId\":\"rep-browser\",\"currency\":\"USD\","
                    + "\"amount\":1234.56}")
                .formatted(Instant.now().minusSeconds(1))));
    running.producer.flush();
    BigDecimal after = before.add(amount);
    await().atMost(Duration.ofSeconds(30)).until(() -> apiRevenue().compareTo(after) == 0);

    // From the moment the API has it, the page has 2 s.
    browser
        .await(Duration.ofSeconds(2))
        .until(d -> sameAmount(revenue.getAttribute("data-value"), after));
    assertThat(revenue.getText()).isEqualTo(USD.format(after));
    assertThat(tileValue("orders"))
        .isEqualTo(
            NumberFormat.getIntegerInstance(Locale.US).format(kpis().get("orders").asLong()));
    assertThat(browser.driver.findElements(By.cssSelector(".tile .asof time")))
        .allSatisfy(time -> assertThat(time.getAttribute("datetime")).isNotBlank());
  }

  @Test
  void wallLeaderboardIsTheApisOrder() {
    browser.open(wallUrl());
    awaitLive();
    browser
        .await(Duration.ofSeconds(20))
        .until(d -> pageLeaders().equals(apiLeaders()) && pageLeaders().size() == 10);
    List<WebElement> rows = browser.driver.findElements(By.cssSelector("#w-leaders li"));
    JsonNode api = running.getJson("/api/v1/leaderboard?dimension=rep&metric=revenue&limit=10");
    assertThat(rows.get(0).findElement(By.className("leader-name")).getText())
        .isEqualTo(api.get("rows").get(0).get("name").asText());
  }

  @Test
  void wallScreenshotShowsChartTickerAndLeaderboard() {
    browser.open(wallUrl());
    awaitLive();
    browser
        .await(Duration.ofSeconds(30))
        .until(
            d ->
                !d.findElements(By.cssSelector("#w-chart canvas")).isEmpty()
                    && d.findElements(By.cssSelector("#w-leaders li")).size() == 10
                    && !d.findElements(By.cssSelector("#w-feed li")).isEmpty()
                    && !d.findElement(By.cssSelector("#w-revenue .bar-fill"))
                        .getAttribute("style")
                        .isBlank());
    assertThat(browser.driver.findElement(By.id("w-pace")).getText()).isNotBlank();
    assertThat(browser.screenshot(SCREENSHOTS.resolve("wall.png")).toFile().length())
        .isGreaterThan(10_000);
  }

  @Test
  void wallCelebratesABigDealThatLandsWhileItIsOpenAndListsItInTheTicker() {
    browser.open(running.uri("/?view=wall&rotate=0&celebrate=20000").toString());
    awaitLive();
    browser
        .await(Duration.ofSeconds(20))
        .until(d -> !d.findElements(By.cssSelector("#w-feed li")).isEmpty());
    assertThat(browser.driver.findElement(By.id("w-celebrate")).isDisplayed()).isFalse();

    running.producer.send(
        new ProducerRecord<>(
            running.topics.orders().name(),
            "o-browser-big",
            ("{\"eventId\":\"e-browser-big\",\"type\":\"ORDER_PLACED\","
                    + "\"orderId\":\"o-browser-big\",\"occurredAt\":\"%s\","
                    + "\"repId\":\"rep-browser\",\"currency\":\"USD\",\"amount\":25000}")
                .formatted(Instant.now().minusSeconds(1))));
    running.producer.flush();

    browser
        .await(Duration.ofSeconds(20))
        .until(d -> d.findElement(By.id("w-celebrate")).isDisplayed());
    // The title fades in: WebDriver reads no text from it while it is still transparent.
    browser
        .await(Duration.ofSeconds(5))
        .until(
            d ->
                !d.findElement(By.cssSelector("#w-celebrate .celebrate-title"))
                    .getText()
                    .isEmpty());
    assertThat(
            browser.driver.findElement(By.cssSelector("#w-celebrate .celebrate-title")).getText())
        .isEqualTo("$25,000.00");
    assertThat(browser.driver.findElement(By.cssSelector("#w-feed li")).getAttribute("data-id"))
        .isEqualTo("deal:o-browser-big");
  }

  @Test
  void wallRotatesFromTheCompanyThroughTheTeams() {
    browser.open(running.uri("/?view=wall&rotate=1").toString());
    awaitLive();
    browser
        .await(Duration.ofSeconds(15))
        .until(d -> d.findElement(By.id("wall")).getAttribute("data-scope").startsWith("team:"));
    // The slide's scope and its title, read in one go so a rotation cannot come in between.
    List<?> shown =
        (List<?>)
            browser.driver.executeScript(
                "return [document.getElementById('wall').dataset.scope,"
                    + " document.getElementById('w-scope').textContent];");
    String team = (String) shown.get(0);
    assertThat(team).startsWith("team:");
    assertThat(shown.get(1))
        .isEqualTo(running.getJson("/api/v1/kpis?scope=" + team).get("name").asText());
  }

  @Test
  void managerTableSortsByTheClickedColumn() {
    browser.open(running.uri("/?view=manager").toString());
    browser
        .await(Duration.ofSeconds(30))
        .until(d -> d.findElements(By.cssSelector("#m-reps tbody tr")).size() >= 12);
    WebElement calls = header("calls");

    calls.findElement(By.tagName("button")).click();
    assertThat(calls.getAttribute("aria-sort")).isEqualTo("descending");
    List<Long> descending = column(6);
    assertThat(descending).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(descending.get(0)).isGreaterThan(descending.get(descending.size() - 1));
    assertThat(descending.get(0))
        .isEqualTo(
            running
                .getJson("/api/v1/leaderboard?dimension=rep&metric=calls&limit=1")
                .get("rows")
                .get(0)
                .get("value")
                .asLong());

    calls.findElement(By.tagName("button")).click();
    assertThat(calls.getAttribute("aria-sort")).isEqualTo("ascending");
    assertThat(column(6)).isSorted();
    assertThat(header("revenue").getAttribute("aria-sort")).isEqualTo("none");

    header("revenue").findElement(By.tagName("button")).click();
    awaitLive();
    browser.screenshot(SCREENSHOTS.resolve("manager.png"));
  }

  private WebElement header(String key) {
    return browser.driver.findElement(By.cssSelector("#m-reps th[data-key='" + key + "']"));
  }

  private List<Long> column(int index) {
    List<Long> values = new ArrayList<>();
    for (WebElement row : browser.driver.findElements(By.cssSelector("#m-reps tbody tr"))) {
      String text = row.findElements(By.cssSelector("th, td")).get(index).getText();
      values.add(Long.parseLong(text.replace(",", "")));
    }
    return values;
  }

  private String wallUrl() {
    return running.uri("/?view=wall&rotate=0").toString();
  }

  private void awaitLive() {
    browser
        .await(Duration.ofSeconds(30))
        .until(d -> "live".equals(d.findElement(By.tagName("body")).getAttribute("data-conn")));
  }

  private String tileValue(String kpi) {
    return browser
        .driver
        .findElement(By.cssSelector(".tile[data-kpi='" + kpi + "'] .tile-value"))
        .getText();
  }

  private JsonNode kpis() {
    return running.getJson("/api/v1/kpis?scope=company:all&period=today").get("kpis");
  }

  private BigDecimal apiRevenue() {
    return kpis().get("revenue").decimalValue();
  }

  private static boolean sameAmount(String shown, BigDecimal expected) {
    return shown != null && !shown.isEmpty() && new BigDecimal(shown).compareTo(expected) == 0;
  }

  private List<String> apiLeaders() {
    List<String> scopes = new ArrayList<>();
    running
        .getJson("/api/v1/leaderboard?dimension=rep&metric=revenue&period=today&limit=10")
        .get("rows")
        .forEach(row -> scopes.add(row.get("scope").asText()));
    return scopes;
  }

  private List<String> pageLeaders() {
    return browser.driver.findElements(By.cssSelector("#w-leaders li")).stream()
        .map(li -> li.getAttribute("data-scope"))
        .toList();
  }
}
