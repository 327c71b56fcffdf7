package dev.salespulse.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.web.RunningApp;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.openqa.selenium.WebDriver;

/**
 * What the wallboard's figures say next to the API's, each test on its own team slide (teams given
 * in the events, a target only where a test sets one), money with 4 fraction digits ({@code
 * SALESPULSE_CURRENCY_DIGITS=4}).
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WallboardFiguresBrowserTest {
  private RunningApp running;
  private Browser browser;
  @TempDir Path profiles;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    assertThat(Browser.missing()).as("headless Chromium on this machine").isNull();
    running =
        RunningApp.start(dataDir, Clock.systemUTC(), Map.of("SALESPULSE_CURRENCY_DIGITS", "4"));
    running.awaitReady();
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

  /** AOV is gross revenue over placed orders; `orders` is placed minus cancelled. */
  @Test
  void averageOrderValueTileDoesNotNameTheNetOrderCountAsWhatItAveragesOver() {
    placed("o-aov-1", "team-aov", "100");
    placed("o-aov-2", "team-aov", "300");
    cancelled("o-aov-2");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              JsonNode kpis = kpis("team:team-aov");
              return kpis.get("orders").asLong() == 1
                  && kpis.get("aov").decimalValue().compareTo(new BigDecimal("200")) == 0;
            });

    openSlide("team:team-aov");
    browser
        .await(Duration.ofSeconds(20))
        .until(d -> sameAmount(tile(d, "aov", ".tile-value").getAttribute("data-value"), "200"));

    // $200.00 is the average of the two orders placed (100 and 300), not of the one still counted.
    String sub = tile(browser.driver, "aov", ".tile-target").getText();
    Matcher count = Pattern.compile("(\\d+)\\D*orders?").matcher(sub);
    if (count.find()) {
      assertThat(count.group(1)).as("orders the average is over, in '%s'", sub).isEqualTo("2");
    }
  }

  @Test
  void revenueBarShowsNoExpectedPaceMarkerWithoutARevenueTarget() {
    placed("o-marker-1", "team-marker", "50");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> kpis("team:team-marker").get("orders").asLong() == 1);

    openSlide("team:team-marker");
    browser
        .await(Duration.ofSeconds(20))
        .until(
            d ->
                d.findElement(By.id("w-revenue-target"))
                    .getText()
                    .equals("No revenue target set for today"));

    assertThat(browser.driver.findElement(By.cssSelector("#w-revenue .bar-expected")).isDisplayed())
        .as("'expected now' marker on a bar without a target")
        .isFalse();
  }

  @Test
  void moneyKeepsTheFractionDigitsTheApiAnswersWith() {
    placed("o-digits-1", "team-digits", "1234.5678");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> sameAmount(kpis("team:team-digits").get("revenue").asText(), "1234.5678"));

    openSlide("team:team-digits");
    browser
        .await(Duration.ofSeconds(20))
        .until(
            d ->
                sameAmount(
                    d.findElement(By.id("w-revenue-value")).getAttribute("data-value"),
                    "1234.5678"));

    assertThat(browser.driver.findElement(By.id("w-revenue-value")).getText())
        .isEqualTo("$1,234.5678");
    assertThat(tile(browser.driver, "aov", ".tile-value").getText()).isEqualTo("$1,234.5678");
  }

  @Test
  void revenueShortOfItsTargetIsNotShownAsOneHundredPercent() {
    send(
        running.topics.targets().name(),
        "TEAM:team-short:DAY:REVENUE",
        "{\"scope\":\"TEAM\",\"scopeId\":\"team-short\",\"period\":\"DAY\","
            + "\"metric\":\"REVENUE\",\"value\":1000}");
    placed("o-short-1", "team-short", "999");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> sameAmount(kpis("team:team-short").get("attainment").asText(), "0.999"));

    openSlide("team:team-short");
    browser
        .await(Duration.ofSeconds(20))
        .until(d -> d.findElement(By.id("w-revenue-target")).getText().endsWith("target"));

    // 999 of 1,000: not reached (no check mark, no "Target reached"), so not "100%" either.
    assertThat(browser.driver.findElement(By.id("w-revenue-target")).getText())
        .isEqualTo("99% of $1,000.00 target");
  }

  /** docs/dashboard.md: every tile and table says "as of" the newest event it counts. */
  @Test
  void teamSlideTopRepsSayAsOfTheTeamsNewestEvent() {
    Instant earlier = Instant.now().minus(Duration.ofMinutes(10));
    Instant midnight = Instant.now().truncatedTo(ChronoUnit.DAYS);
    placed("o-asof-1", "team-asof", "80", earlier.isBefore(midnight) ? midnight : earlier);
    placed("o-asof-2", "team-asof-other", "90");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                kpis("team:team-asof").get("orders").asLong() == 1
                    && kpis("team:team-asof-other").get("orders").asLong() == 1);

    openSlide("team:team-asof");
    browser
        .await(Duration.ofSeconds(20))
        .until(
            d ->
                sameAmount(d.findElement(By.id("w-revenue-value")).getAttribute("data-value"), "80")
                    && d.findElement(By.cssSelector(".w-board .asof time")).getAttribute("datetime")
                        != null);

    assertThat(browser.driver.findElement(By.cssSelector(".w-board .asof time")).getText())
        .as("the team's top reps, as of")
        .isEqualTo(browser.driver.findElement(By.cssSelector("#w-revenue .asof time")).getText());
  }

  private void openSlide(String scope) {
    browser.open(running.uri("/?view=wall&rotate=0&scope=" + scope).toString());
    browser
        .await(Duration.ofSeconds(30))
        .until(
            d ->
                "live".equals(d.findElement(By.tagName("body")).getAttribute("data-conn"))
                    && scope.equals(d.findElement(By.id("wall")).getAttribute("data-scope")));
  }

  private void placed(String orderId, String team, String amount) {
    placed(orderId, team, amount, Instant.now().minusSeconds(5));
  }

  private void placed(String orderId, String team, String amount, Instant at) {
    send(
        orderId,
        ("{\"eventId\":\"e-%s\",\"type\":\"ORDER_PLACED\",\"orderId\":\"%s\",\"occurredAt\":\"%s\","
                + "\"repId\":\"rep-%s\",\"teamId\":\"%s\",\"currency\":\"USD\",\"amount\":%s}")
            .formatted(orderId, orderId, at, team, team, amount));
  }

  private void cancelled(String orderId) {
    send(
        orderId,
        ("{\"eventId\":\"e-%s-cancel\",\"type\":\"ORDER_CANCELLED\",\"orderId\":\"%s\","
                + "\"occurredAt\":\"%s\"}")
            .formatted(orderId, orderId, Instant.now().minusSeconds(2)));
  }

  private void send(String key, String json) {
    send(running.topics.orders().name(), key, json);
  }

  private void send(String topic, String key, String json) {
    running.producer.send(new ProducerRecord<>(topic, key, json));
    running.producer.flush();
  }

  private JsonNode kpis(String scope) {
    return running.getJson("/api/v1/kpis?period=today&scope=" + scope).get("kpis");
  }

  private static org.openqa.selenium.WebElement tile(WebDriver d, String kpi, String part) {
    return d.findElement(By.cssSelector(".tile[data-kpi='" + kpi + "'] " + part));
  }

  private static boolean sameAmount(String shown, String expected) {
    return shown != null
        && !shown.isEmpty()
        && !shown.equals("null")
        && new BigDecimal(shown).compareTo(new BigDecimal(expected)) == 0;
  }
}
