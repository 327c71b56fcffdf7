package dev.salespulse.tools.cli;

import dev.salespulse.tools.broker.EmbeddedBrokerException;
import dev.salespulse.web.cli.LogSetup;
import dev.salespulse.web.cli.RunCommand;
import dev.salespulse.web.cli.SalesPulseCommand;
import dev.salespulse.web.cli.SettingsHelp;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code salespulse} command with every subcommand: entry point of the jar that {@code
 * ./salespulse} runs (tools/target/salespulse.jar). The production jar has {@code run} only.
 */
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
public final class AllCommands implements Runnable {

  public static void main(String[] args) {
    LogSetup.applyEnvironment(System.getenv());
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new AllCommands());
    for (String name : List.of("run", "demo", "simulate", "bench")) {
      SettingsHelp.addTo(cli.getSubcommands().get(name), true);
    }
    SettingsHelp.addTo(cli.getSubcommands().get("import"), false);
    return SalesPulseCommand.withUserErrors(cli, error -> error instanceof EmbeddedBrokerException);
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }
}
