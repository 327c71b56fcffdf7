package dev.salespulse.web.cli;

import dev.salespulse.web.bench.Benchmark;
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
      description = "Background events/s while probing (default ${DEFAULT-VALUE}).")
  double load = 1_000;

  @Option(
      names = "--baseline",
      description =
          "Run the backlog through a 2-KPI yardstick topology (tuned, of the kind that reaches 80–90k events/s) instead of"
              + " SalesPulse, to compare both in the same harness; no freshness phase.")
  boolean baseline;

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
    new Benchmark(spec.commandLine().getOut()).run(events, probes, load, baseline, env);
    return 0;
  }
}
