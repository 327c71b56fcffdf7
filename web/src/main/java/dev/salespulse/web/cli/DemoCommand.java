package dev.salespulse.web.cli;

import picocli.CommandLine.Command;

/** {@code salespulse demo}: embedded broker (unless a cluster is given), service and simulator. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Start SalesPulse with a simulated sales floor. Without SALESPULSE_BOOTSTRAP_SERVERS it",
      "starts an embedded Kafka broker on localhost:9092 (data under ./data).",
      "Any setting can be given as --flag, e.g. --http-port 8080 (see docs/configuration.md)."
    })
final class DemoCommand extends ServeCommand {
  @Override
  boolean simulate() {
    return true;
  }
}
