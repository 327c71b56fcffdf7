package dev.salespulse.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.web.RunningApp;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * A running SalesPulse (ready) and a headless Chromium to look at it, for a browser test of its own
 * settings. Closing closes both and checks that the page logged no error.
 */
record BrowserSession(RunningApp running, Browser browser) implements AutoCloseable {

  /**
   * @param profile the browser's profile directory
   * @param settings {@code SALESPULSE_*} settings of the app, as for {@link RunningApp#start}
   */
  static BrowserSession start(
      Path profile, Path dataDir, Clock clock, Map<String, String> settings) {
    assertThat(Browser.missing()).as("headless Chromium on this machine").isNull();
    RunningApp running = RunningApp.start(dataDir, clock, settings);
    try {
      running.awaitReady();
      return new BrowserSession(running, new Browser(profile));
    } catch (RuntimeException | Error e) {
      running.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try (RunningApp app = running;
        Browser page = browser) {
      assertThat(page.severeConsoleEntries()).as("browser console errors").isEmpty();
    }
  }
}
