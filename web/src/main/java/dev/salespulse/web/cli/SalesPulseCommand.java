package dev.salespulse.web.cli;

import dev.salespulse.streams.config.ConfigException;
import dev.salespulse.web.local.EmbeddedBrokerException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code salespulse} command: entry point of the runnable jar. */
@Command(
    name = "salespulse",
    mixinStandardHelpOptions = true,
    version = "SalesPulse 0.1.0",
    description = "Real-time sales KPIs from Kafka, live on a dashboard and in Prometheus.",
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      ImportCommand.class,
      SimulateCommand.class,
      BenchCommand.class
    })
public final class SalesPulseCommand implements Runnable {

  public static void main(String[] args) {
    LogSetup.applyEnvironment(System.getenv());
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new SalesPulseCommand());
    for (String name : List.of("run", "demo", "simulate", "bench")) {
      SettingsHelp.addTo(cli.getSubcommands().get(name), true);
    }
    SettingsHelp.addTo(cli.getSubcommands().get("import"), false);
    cli.setExecutionExceptionHandler(
        (error, command, parsed) -> {
          if (error instanceof ConfigException || error instanceof EmbeddedBrokerException) {
            command.getErr().println("salespulse: " + error.getMessage());
            return 2;
          }
          if (error instanceof org.apache.kafka.common.config.ConfigException) {
            // A value Kafka refused when the clients were built (SALESPULSE_BOOTSTRAP_SERVERS or a
            // SALESPULSE_KAFKA_<PROPERTY> pass-through); Kafka's message names the property.
            command
                .getErr()
                .println("salespulse: Kafka cannot use a setting: " + error.getMessage());
            return 2;
          }
          throw error;
        });
    return cli;
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }
}
