package dev.salespulse.web.cli;

import dev.salespulse.streams.config.ConfigLoader;
import dev.salespulse.streams.config.SalesPulseConfig;
import dev.salespulse.web.SalesPulseApp;
import dev.salespulse.web.ingest.IngestToken;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code demo} and {@code run}: start SalesPulse in the foreground, print where it is, and stop
 * cleanly on Ctrl-C. Exits 1 when the Streams client dies, so a supervisor restarts it.
 */
public abstract class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Unmatched List<String> settings = new ArrayList<>();

  protected abstract boolean simulate();

  /** The configuration to start with: the environment and the flags. */
  protected SalesPulseConfig config(Map<String, String> env, Map<String, String> flags) {
    return ConfigLoader.load(env, flags);
  }

  /** What the banner says about the simulated floor, when there is one. */
  protected String simulatorLine(SalesPulseConfig config) {
    return "";
  }

  @Override
  public Integer call() throws InterruptedException {
    long startNanos = System.nanoTime();
    SalesPulseConfig config = config(System.getenv(), FlagParser.parse(settings));
    LogSetup.apply(config.logging());
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicInteger exitCode = new AtomicInteger(0);
    SalesPulseApp app =
        SalesPulseApp.start(
            config,
            simulate(),
            Clock.systemUTC(),
            error -> {
              exitCode.set(1);
              stopped.countDown();
            });
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.close();
                  stopped.countDown();
                },
                "salespulse-shutdown"));
    printBanner(app, config, (System.nanoTime() - startNanos) / 1_000_000);
    stopped.await();
    app.close();
    return exitCode.get();
  }

  private void printBanner(SalesPulseApp app, SalesPulseConfig config, long startMillis) {
    PrintWriter out = spec.commandLine().getOut();
    String url = app.dashboardUrl();
    out.printf("%nSalesPulse is running (started in %.1f s).%n", startMillis / 1000.0);
    out.printf("  Dashboard  %s%n", url);
    out.printf("  KPIs       %sapi/v1/kpis?scope=company:all&period=today%n", url);
    out.printf(
        "  Metrics    %smetrics%s%n",
        url,
        config.access().metricsToken().isPresent()
            ? " with the metrics token (SALESPULSE_METRICS_TOKEN)"
            : "");
    out.printf("  API        %sapi/docs (OpenAPI: %sapi/openapi.json)%n", url, url);
    if (app.ingestToken().isPresent()) {
      out.printf(
          "  Ingest     POST %sapi/v1/events with the ingest token%s%n",
          url,
          config.access().ingestToken().isEmpty()
              ? " in " + config.storage().dataDir().resolve(IngestToken.FILE_NAME)
              : " (SALESPULSE_INGEST_TOKEN)");
    }
    out.printf(
        "  Kafka      %s%s%n",
        app.bootstrapServers(),
        config.kafka().bootstrapServers().isEmpty()
            ? " (embedded, data in " + config.storage().dataDir() + ")"
            : "");
    if (simulate()) {
      out.printf("%s%n", simulatorLine(config));
    }
    out.printf("Press Ctrl-C to stop.%n%n");
    out.flush();
  }
}
