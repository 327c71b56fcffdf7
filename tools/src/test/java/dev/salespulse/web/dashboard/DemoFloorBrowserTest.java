package dev.salespulse.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.streams.config.ConfigLoader;
import dev.salespulse.streams.config.SalesPulseConfig;
import dev.salespulse.tools.simulate.DaySchedule;
import dev.salespulse.tools.simulate.DemoState;
import dev.salespulse.tools.simulate.DemoZone;
import dev.salespulse.tools.simulate.SalesFloor;
import dev.salespulse.tools.simulate.SimulatedRecord;
import dev.salespulse.web.SalesPulseApp;
import dev.salespulse.web.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The demo as a sales manager first sees it: a fresh data directory, the whole service with the
 * simulated floor (real embedded broker), its zone chosen as {@code salespulse demo} chooses it.
 * After the backfill yesterday's company revenue attainment is between 0.5 and 1.5 whatever day
 * yesterday was, last week's same weekday has a 15-minute series, and screenshots of both views at
 * 1920x1080 go to {@code target/screenshots/wall-demo.png} and {@code manager-demo.png}.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoFloorBrowserTest {
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private final HttpClient http = HttpClient.newHttpClient();
  private SalesPulseApp app;
  private ZoneId zone;
  private DaySchedule schedule;
  @TempDir Path profiles;

  @BeforeAll
  void startTheDemo(@TempDir Path dataDir) {
    Clock clock = Clock.systemUTC();
    zone = DemoZone.choose(clock.instant());
    SalesPulseConfig config =
        ConfigLoader.load(
            Map.of(
                "SALESPULSE_DATA_DIR",
                dataDir.toString(),
                "SALESPULSE_HTTP_PORT",
                "0",
                "SALESPULSE_KAFKA_PORT",
                "0",
                "SALESPULSE_TIMEZONE",
                zone.getId()),
            Map.of());
    app = SalesPulseApp.start(config, true, clock, error -> {});
    schedule =
        new DaySchedule(
            SalesFloor.generate(60, SalesFloor.STANDARD_SEED), zone, DaySchedule.DEMO_SEED);
    assertThat(DemoState.load(dataDir).backfilledUntil()).isPresent();
  }

  @AfterAll
  void stop() {
    app.close();
  }

  @Test
  void yesterdaysRevenueIsNearItsTargetAndLastWeekHasASeries() throws Exception {
    LocalDate today = LocalDate.now(zone);
    LocalDate lastWeek = today.minusDays(7);
    awaitCaughtUp();
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              JsonNode series =
                  get(
                      "/api/v1/timeseries?scope=company:all&metric=grossRevenue&period=custom&from="
                          + lastWeek
                          + "&to="
                          + lastWeek.plusDays(1)
                          + "&step=15m");
              return series.path("points").isArray()
                  && sum(series.path("points")).compareTo(scheduled(lastWeek, true)) == 0;
            });

    // Yesterday is measured against the target of its own weekday (a weekend day has its own).
    LocalDate yesterday = today.minusDays(1);
    BigDecimal yesterdaysRevenue = scheduled(yesterday, false);
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> revenueOn(yesterday).compareTo(yesterdaysRevenue) == 0);
    BigDecimal attainment =
        get("/api/v1/kpis?scope=company:all&period=yesterday")
            .path("kpis")
            .path("attainment")
            .decimalValue();
    System.out.printf("Demo in %s: yesterday's attainment %s%n", zone, attainment);
    // What the README shows as a sample answer.
    java.nio.file.Files.createDirectories(SCREENSHOTS);
    java.nio.file.Files.writeString(
        SCREENSHOTS.resolve("kpis-demo.json"),
        get("/api/v1/kpis?scope=company:all&period=today").toString());
    assertThat(attainment).isBetween(new BigDecimal("0.5"), new BigDecimal("1.5"));
  }

  @Test
  void screenshotsOfTheWallAndTheManagerView() {
    assertThat(Browser.missing()).as("headless Chromium on this machine").isNull();
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () ->
                get("/api/v1/kpis?scope=company:all&period=yesterday")
                        .path("kpis")
                        .path("revenue")
                        .decimalValue()
                        .signum()
                    > 0);
    try (Browser browser = new Browser(profiles.resolve("wall"))) {
      browser.open(app.dashboardUrl() + "?view=wall&rotate=0");
      browser
          .await(Duration.ofSeconds(60))
          .until(
              d ->
                  !d.findElements(By.cssSelector("#w-chart canvas")).isEmpty()
                      && d.findElements(By.cssSelector("#w-leaders li")).size() == 10
                      && !d.findElement(By.cssSelector("#w-revenue .bar-fill"))
                          .getAttribute("style")
                          .isBlank()
                      // set once last week's series is drawn
                      && d.findElement(By.id("w-chart-week")).getAttribute("data-date") != null
                      && !d.findElement(By.id("status-text")).getText().startsWith("Connecting"));
      assertThat(browser.screenshot(SCREENSHOTS.resolve("wall-demo.png")).toFile().length())
          .isGreaterThan(10_000);
    }
    try (Browser browser = new Browser(profiles.resolve("manager"))) {
      browser.open(app.dashboardUrl() + "?view=manager");
      browser
          .await(Duration.ofSeconds(60))
          .until(
              d ->
                  d.findElements(By.cssSelector("#m-reps tbody tr")).size() >= 10
                      && !d.findElement(By.id("m-status-text")).getText().startsWith("Connecting"));
      assertThat(browser.screenshot(SCREENSHOTS.resolve("manager-demo.png")).toFile().length())
          .isGreaterThan(10_000);
    }
  }

  /**
   * Waits until the history is counted: the last weekday's revenue is what the floor's schedule of
   * that day adds up to, to the cent.
   */
  private void awaitCaughtUp() {
    LocalDate weekday = lastWeekday(LocalDate.now(zone));
    BigDecimal expected = scheduled(weekday, false);
    await()
        .atMost(Duration.ofMinutes(8))
        .pollInterval(Duration.ofSeconds(3))
        .until(() -> revenueOn(weekday).compareTo(expected) == 0);
  }

  /** The revenue (or gross revenue) of {@code date} in the floor's own schedule. */
  private BigDecimal scheduled(LocalDate date, boolean gross) {
    BigDecimal total = BigDecimal.ZERO;
    for (SimulatedRecord event : schedule.day(date)) {
      JsonNode json = read(event.json());
      String type = json.path("type").asText();
      if (type.equals("ORDER_PLACED")) {
        total = total.add(json.path("amount").decimalValue());
      } else if (!gross && (type.equals("ORDER_CANCELLED") || type.equals("ORDER_REFUNDED"))) {
        total = total.subtract(json.path("amount").decimalValue());
      }
    }
    return total;
  }

  private static JsonNode read(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static LocalDate lastWeekday(LocalDate today) {
    LocalDate day = today.minusDays(1);
    while (weekend(day)) {
      day = day.minusDays(1);
    }
    return day;
  }

  private BigDecimal revenueOn(LocalDate date) throws IOException, InterruptedException {
    return get("/api/v1/kpis?scope=company:all&period=custom&from="
            + date
            + "&to="
            + date.plusDays(1))
        .path("kpis")
        .path("revenue")
        .decimalValue();
  }

  private static boolean weekend(LocalDate date) {
    return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  private static BigDecimal sum(JsonNode points) {
    BigDecimal total = BigDecimal.ZERO;
    for (JsonNode point : points) {
      total = total.add(point.path("value").decimalValue());
    }
    return total;
  }

  private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + app.httpPort() + pathAndQuery))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return Json.MAPPER.readTree(response.body());
  }
}
