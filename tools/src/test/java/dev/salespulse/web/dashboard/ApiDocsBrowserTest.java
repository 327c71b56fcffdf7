package dev.salespulse.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.web.RunningApp;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * {@code /api/docs} in headless Chromium: Swagger UI, from the service's own WebJar, shows every
 * operation of {@code /api/openapi.json}, with a viewer token set and none given, and the page
 * loads nothing from anywhere but the service.
 */
@Tag("slow")
class ApiDocsBrowserTest {
  @TempDir Path dataDir;
  @TempDir Path profile;
  private BrowserSession session;

  @AfterEach
  void close() {
    if (session != null) {
      session.close();
    }
  }

  @Test
  void shouldShowEveryOperationFromTheServiceAlone() {
    session =
        BrowserSession.start(
            profile, dataDir, Clock.systemUTC(), Map.of("SALESPULSE_VIEWER_TOKEN", "s3cret"));
    RunningApp running = session.running();
    Browser browser = session.browser();
    Set<String> operations = operations(running.getJson("/api/openapi.json"));
    assertThat(operations).contains("GET /api/v1/kpis", "GET /ws/live");

    browser.open(running.uri("/api/docs").toString());
    browser
        .await(Duration.ofSeconds(30))
        .until(d -> d.findElements(By.cssSelector(".opblock")).size() == operations.size());

    Set<String> shown = new TreeSet<>();
    for (WebElement block : browser.driver.findElements(By.cssSelector(".opblock"))) {
      shown.add(
          block.findElement(By.cssSelector(".opblock-summary-method")).getText()
              + " "
              + block
                  .findElement(By.cssSelector(".opblock-summary-path"))
                  .getAttribute("data-path"));
    }
    assertThat(shown).isEqualTo(operations);
    assertThat(browser.driver.findElement(By.cssSelector(".info .title")).getText())
        .startsWith("SalesPulse API");
    browser.screenshot(Path.of("target", "screenshots", "api-docs.png"));

    @SuppressWarnings("unchecked")
    List<String> loaded =
        (List<String>)
            browser.driver.executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name);");
    String origin = "http://localhost:" + running.app.httpPort() + "/";
    assertThat(loaded)
        .as("everything the page loaded")
        .contains(origin + "api/openapi.json")
        .anyMatch(url -> url.startsWith(origin + "webjars/swagger-ui/"))
        .allMatch(url -> url.startsWith(origin));
  }

  private static Set<String> operations(JsonNode spec) {
    Set<String> operations = new TreeSet<>();
    for (Map.Entry<String, JsonNode> path : spec.path("paths").properties()) {
      for (String method : path.getValue().properties().stream().map(Map.Entry::getKey).toList()) {
        operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
      }
    }
    return operations;
  }
}
