package dev.salespulse.web.cli;

import picocli.CommandLine.Command;

/** {@code salespulse run}: the service, against SALESPULSE_BOOTSTRAP_SERVERS or embedded Kafka. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Start SalesPulse against SALESPULSE_BOOTSTRAP_SERVERS; without it, against an embedded",
      "Kafka broker as in demo, but without the simulator (./salespulse only: the production",
      "jar has no embedded broker).",
      "Any setting can be given as --flag, e.g. --http-port 8080 (see docs/configuration.md)."
    })
public final class RunCommand extends ServeCommand {
  @Override
  protected boolean simulate() {
    return false;
  }
}
