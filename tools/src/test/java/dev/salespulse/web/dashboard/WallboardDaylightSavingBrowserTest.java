package dev.salespulse.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.salespulse.web.RunningApp;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wallboard's chart on a daylight-saving day: today against the same weekday last week, hour
 * for hour of the business clock. Europe/Berlin's 2026-03-29 has 23 hours (02:00 becomes 03:00);
 * the server's clock is fixed in its afternoon. The page's uPlot is captured as it is created
 * (before the page's scripts run), so the test reads the very arrays it draws.
 */
@Tag("slow")
class WallboardDaylightSavingBrowserTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant NOW = Instant.parse("2026-03-29T14:00:00Z");
  private static final String CAPTURE_PLOTS =
      "window.__plots = []; let real;"
          + " Object.defineProperty(window, 'uPlot', { configurable: true, get: () => real,"
          + " set: (v) => { real = function (o, d, t) { const u = new v(o, d, t);"
          + " window.__plots.push(u); return u; }; } });";

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
  void lastWeekIsDrawnAtTheSameLocalTimeAsTodayOnADaylightSavingDay() {
    session =
        BrowserSession.start(
            profile,
            dataDir,
            Clock.fixed(NOW, ZoneOffset.UTC),
            Map.of("SALESPULSE_TIMEZONE", BERLIN.getId()));
    running = session.running();
    browser = session.browser();
    // 10:00 in Berlin both days: 09:00Z a week before (CET), 08:00Z today (CEST).
    order("o-dst-week", Instant.parse("2026-03-22T09:00:00Z"), "800");
    order("o-dst-today", Instant.parse("2026-03-29T08:00:00Z"), "1000");
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

    browser.driver.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument", Map.of("source", CAPTURE_PLOTS));
    browser.open(running.uri("/?view=wall&rotate=0").toString());
    browser
        .await(Duration.ofSeconds(30))
        .until(
            d ->
                (Boolean)
                    browser.driver.executeScript(
                        "const p = window.__plots[0];"
                            + " return !!p && p.data[1].some((v) => v > 0)"
                            + " && p.data[2].some((v) => v > 0);"));

    List<?> data = (List<?>) browser.driver.executeScript("return window.__plots[0].data;");
    int today = peak((List<?>) data.get(2));
    int lastWeek = peak((List<?>) data.get(1));
    List<?> xs = (List<?>) data.get(0);
    assertThat(Instant.ofEpochSecond(((Number) xs.get(today)).longValue()).atZone(BERLIN))
        .as("today's order on the chart")
        .hasToString("2026-03-29T10:00+02:00[Europe/Berlin]");
    assertThat(Instant.ofEpochSecond(((Number) xs.get(lastWeek)).longValue()).atZone(BERLIN))
        .as("last week's 10:00 order, drawn at")
        .hasToString("2026-03-29T10:00+02:00[Europe/Berlin]");
  }

  private void order(String orderId, Instant at, String amount) {
    running.producer.send(
        new ProducerRecord<>(
            running.topics.orders().name(),
            orderId,
            ("{\"eventId\":\"e-%s\",\"type\":\"ORDER_PLACED\",\"orderId\":\"%s\","
                    + "\"occurredAt\":\"%s\",\"repId\":\"rep-1\",\"currency\":\"USD\","
                    + "\"amount\":%s}")
                .formatted(orderId, orderId, at, amount)));
    running.producer.flush();
  }

  private static int peak(List<?> values) {
    int best = -1;
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      if (v instanceof Number n
          && n.doubleValue() > 0
          && (best < 0 || n.doubleValue() > ((Number) values.get(best)).doubleValue())) {
        best = i;
      }
    }
    return best;
  }
}
