package dev.salespulse.tools.cli;

import dev.salespulse.tools.bench.Benchmark;
import dev.salespulse.web.cli.FlagParser;
import dev.salespulse.web.cli.LogSetup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code salespulse bench}: catch-up throughput and freshness figures on this machine. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure SalesPulse on this machine with a fresh embedded broker (in a temp directory):",
      "catch-up throughput over a backlog of simulated events, then freshness under live load.",
      "With --serving, also event -> WebSocket delivered to many live clients, and the",
      "requests/s and latency of a GET asked by a load generator in this same process",
      "(so on the same cores as the service).",
      "Settings such as --topic-partitions 4 or --kafka-num-stream-threads 2 apply as in run."
    })
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--events", description = "Backlog size (default ${DEFAULT-VALUE}).")
  long events = 1_000_000;

  @Option(names = "--probes", description = "Freshness probes (default ${DEFAULT-VALUE}).")
  int probes = 40;

  @Option(
      names = "--load",
      description =
          "Live events/s while probing, and during the REST load of --serving (default"
              + " ${DEFAULT-VALUE}).")
  double load = 1_000;

  @Option(
      names = "--baseline",
      description =
          "Run the backlog through a tuned 2-KPI yardstick topology instead of SalesPulse, to"
              + " compare both in the same harness (docs/benchmarks.md); no freshness phase.")
  boolean baseline;

  @Option(
      names = "--serving",
      description =
          "After the catch-up, measure serving: the freshness probes with --ws-clients WebSocket"
              + " clients connected (event -> REST and event -> WebSocket delivered), then"
              + " --connections keep-alive connections asking --path as fast as answered,"
              + " with the live load still going.")
  boolean serving;

  @Option(
      names = "--ws-clients",
      description = "WebSocket clients of /ws/live with --serving (default ${DEFAULT-VALUE}).")
  int wsClients = 1_000;

  @Option(
      names = "--connections",
      description = "Keep-alive HTTP/1.1 connections of the REST load (default ${DEFAULT-VALUE}).")
  int connections = 64;

  @Option(
      names = "--path",
      description = "Path and query the REST load asks for (default ${DEFAULT-VALUE}).")
  String path = "/api/v1/kpis?scope=company:all&period=today";

  @Option(
      names = "--warmup",
      description = "Seconds of REST load before measuring (default ${DEFAULT-VALUE}).")
  int warmup = 10;

  @Option(
      names = "--settle",
      description =
          "Seconds of live load, with the WebSocket clients of --serving connected, before the"
              + " freshness probes, so that they measure a service past its JIT warm-up; its"
              + " compile time is shown every 10 s (default ${DEFAULT-VALUE}).")
  int settle = 0;

  @Option(
      names = "--duration",
      description = "Seconds of measured REST load (default ${DEFAULT-VALUE}).")
  int duration = 30;

  @Unmatched List<String> settings = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Map<String, String> env = new java.util.HashMap<>(System.getenv());
    FlagParser.parse(settings)
        .forEach(
            (flag, value) ->
                env.put(
                    "SALESPULSE_" + flag.toUpperCase(java.util.Locale.ROOT).replace('-', '_'),
                    value));
    LogSetup.apply(dev.salespulse.streams.config.ConfigLoader.loadLogging(env));
    if (settle < 0 || (baseline && settle > 0)) {
      throw new dev.salespulse.streams.config.ConfigException(
          "--settle needs SalesPulse (not --baseline) and 0 or more seconds");
    }
    if (serving
        && (baseline
            || wsClients < 0
            || connections < 0
            || warmup < 0
            || duration < 1
            || !path.startsWith("/"))) {
      throw new dev.salespulse.streams.config.ConfigException(
          "--serving needs SalesPulse (not --baseline), --ws-clients and --connections of 0 or"
              + " more, --warmup of 0 or more, --duration of 1 or more and a --path starting with /");
    }
    Benchmark.Serving phases =
        serving
            ? new Benchmark.Serving(
                wsClients,
                connections,
                path,
                java.time.Duration.ofSeconds(warmup),
                java.time.Duration.ofSeconds(duration),
                java.time.Duration.ofSeconds(settle))
            : Benchmark.Serving.none(java.time.Duration.ofSeconds(settle));
    new Benchmark(spec.commandLine().getOut()).run(events, probes, load, baseline, phases, env);
    return 0;
  }
}
