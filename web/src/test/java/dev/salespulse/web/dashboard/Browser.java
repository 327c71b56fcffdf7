package dev.salespulse.web.dashboard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven over WebDriver: Debian's {@code /usr/bin/chromium} and {@code
 * /usr/bin/chromedriver}, named explicitly so Selenium Manager never downloads anything. A fresh
 * profile per browser, English (US) locale so formatted numbers are predictable, a 1920x1080
 * viewport, and the browser console kept for {@link #severeConsoleEntries()}.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  final ChromeDriver driver;
  private final ChromeDriverService service;
  private final Path profile;

  Browser(Path profile) {
    this.profile = profile;
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--lang=en-US",
        "--window-size=1920,1080",
        "--user-data-dir=" + profile.toAbsolutePath());
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    viewport(1920, 1080);
  }

  /** Sizes the window so that the page itself (the viewport) is width x height. */
  void viewport(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
    Object inner = driver.executeScript("return [window.innerWidth, window.innerHeight];");
    List<?> size = (List<?>) inner;
    int extraWidth = width - ((Number) size.get(0)).intValue();
    int extraHeight = height - ((Number) size.get(1)).intValue();
    if (extraWidth != 0 || extraHeight != 0) {
      driver.manage().window().setSize(new Dimension(width + extraWidth, height + extraHeight));
    }
  }

  /** Whether this machine has the browser; the tests fail (not skip) without it. */
  static String missing() {
    for (Path path : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(path)) {
        return path + " is missing: install Debian's chromium and chromium-driver";
      }
    }
    return null;
  }

  void open(String url) {
    driver.get(url);
  }

  WebDriverWait await(Duration timeout) {
    WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(50));
    return wait;
  }

  /** Console entries at SEVERE since the last call, minus those {@code expected} accepts. */
  List<LogEntry> severeConsoleEntries(Predicate<String> expected) {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .filter(entry -> !expected.test(entry.getMessage()))
        .toList();
  }

  List<LogEntry> severeConsoleEntries() {
    return severeConsoleEntries(message -> false);
  }

  /** A PNG of the viewport, written to {@code file} (directories created). */
  Path screenshot(Path file) {
    try {
      Files.createDirectories(file.getParent());
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
    }
  }

  Path profile() {
    return profile;
  }
}
