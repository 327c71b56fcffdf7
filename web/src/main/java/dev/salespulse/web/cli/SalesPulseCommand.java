package dev.salespulse.web.cli;

import dev.salespulse.streams.config.ConfigException;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code salespulse} command of the production jar (web/target/salespulse.jar): the service
 * only. The jar that {@code ./salespulse} runs adds the demo and the tools (see tools/).
 */
@Command(
    name = "salespulse",
    mixinStandardHelpOptions = true,
    version = "SalesPulse 0.1.0",
    description = "Real-time sales KPIs from Kafka, live on a dashboard and in Prometheus.",
    subcommands = {RunCommand.class})
public final class SalesPulseCommand implements Runnable {

  public static void main(String[] args) {
    LogSetup.applyEnvironment(System.getenv());
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new SalesPulseCommand());
    SettingsHelp.addTo(cli.getSubcommands().get("run"), true);
    return withUserErrors(cli, error -> false);
  }

  /**
   * Bad settings ({@link ConfigException}, a value Kafka refused, or what {@code alsoUserError}
   * accepts) end the command with one line and exit code 2 instead of a stack trace.
   */
  public static CommandLine withUserErrors(CommandLine cli, Predicate<Exception> alsoUserError) {
    cli.setExecutionExceptionHandler(
        (error, command, parsed) -> {
          if (error instanceof ConfigException || alsoUserError.test(error)) {
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
