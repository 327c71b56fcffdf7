package dev.salespulse.tools.cli;

import dev.salespulse.streams.config.ConfigException;
import dev.salespulse.streams.config.ConfigLoader;
import dev.salespulse.streams.config.SalesPulseConfig;
import dev.salespulse.streams.topology.Topics;
import dev.salespulse.tools.simulate.SalesFloorSimulator;
import dev.salespulse.tools.simulate.SimulatorSettings;
import dev.salespulse.web.cli.FlagParser;
import dev.salespulse.web.cli.LogSetup;
import dev.salespulse.web.kafka.KafkaClients;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code salespulse simulate}: realistic synthetic events to a running cluster, until Ctrl-C. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Produce realistic orders and activities of a simulated sales floor to a Kafka cluster",
      "(SALESPULSE_BOOTSTRAP_SERVERS, default localhost:<SALESPULSE_KAFKA_PORT>, i.e. the",
      "embedded broker of a running `salespulse run`)."
    })
final class SimulateCommand implements Callable<Integer> {
  @Option(names = "--rate", description = "Events a second at peak (default ${DEFAULT-VALUE}).")
  double rate = 200;

  @Option(names = "--reps", description = "Reps on the floor (default ${DEFAULT-VALUE}).")
  int reps = 60;

  @Unmatched List<String> settings = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    SalesPulseConfig config = ConfigLoader.load(System.getenv(), FlagParser.parse(settings));
    LogSetup.apply(config.logging());
    if (!(rate > 0) || Double.isInfinite(rate) || reps < 1 || reps > 10_000) {
      throw new ConfigException("--rate must be a positive number and --reps 1 to 10000");
    }
    String bootstrap =
        config.kafka().bootstrapServers().orElse("localhost:" + config.kafka().port());
    Topics topics = new Topics(config.kafka().topicPrefix());
    CountDownLatch stopped = new CountDownLatch(1);
    try (SalesFloorSimulator simulator =
        SalesFloorSimulator.to(
            KafkaClients.config(config.kafka(), bootstrap),
            topics,
            new SimulatorSettings(
                rate, reps, config.reporting().timezone(), System.nanoTime(), Clock.systemUTC()))) {
      // Flush what was produced before the JVM goes: the hook itself closes the simulator.
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    simulator.close();
                    stopped.countDown();
                  }));
      simulator.start();
      System.out.printf(
          "Simulating %d reps at ~%.0f events/s to %s. Ctrl-C to stop.%n", reps, rate, bootstrap);
      stopped.await();
    }
    return 0;
  }
}
