package dev.salespulse.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.web.RunningApp;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The wallboard's "same day last week" line in a business time zone far from UTC. The page once
 * guessed the business date from the UTC hour of local midnight, which is a day off east of UTC+12
 * and west of UTC−12; it now takes the zone the API names. Pacific/Kiritimati is UTC+14 all year
 * (no daylight saving), so its midnight is 10:00 UTC of the day before and the old guess is wrong
 * on every date this test runs.
 */
@Tag("slow")
class WallboardTimeZoneBrowserTest {
  private static final ZoneId KIRITIMATI = ZoneId.of("Pacific/Kiritimati");

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
  void sameDayLastWeekIsSevenBusinessDaysBeforeTodayInAZoneAheadOfUtcPlusTwelve() {
    session =
        BrowserSession.start(
            profile, dataDir, Clock.systemUTC(), Map.of("SALESPULSE_TIMEZONE", KIRITIMATI.getId()));
    running = session.running();
    browser = session.browser();
    browser.open(running.uri("/?view=wall&rotate=0").toString());

    browser
        .await(Duration.ofSeconds(30))
        .until(d -> d.findElement(By.id("w-chart-week")).getAttribute("data-date") != null);

    String today =
        running
            .getJson(
                "/api/v1/timeseries?scope=company:all&metric=grossRevenue&period=today&step=1h")
            .get("from")
            .asText();
    LocalDate weekAgo = LocalDate.ofInstant(Instant.parse(today), KIRITIMATI).minusDays(7);
    assertThat(browser.driver.findElement(By.id("w-chart-week")).getAttribute("data-date"))
        .isEqualTo(weekAgo.toString());
  }
}
