package dev.salespulse.tools.cli;

import dev.salespulse.streams.config.ConfigLoader;
import dev.salespulse.streams.config.SalesPulseConfig;
import dev.salespulse.tools.importer.ImportException;
import dev.salespulse.tools.importer.ImportKind;
import dev.salespulse.tools.importer.Importer;
import dev.salespulse.web.cli.LogSetup;
import dev.salespulse.web.ingest.IngestToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code salespulse import FILE…}: events or reference data from files, through the write routes.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Send files of events, reps, targets or fx rates to a running SalesPulse, through the same",
      "checks as its HTTP routes. Files are NDJSON (.ndjson, .jsonl, .json), a JSON array (.json)",
      "or CSV with a header row (.csv); what a file holds is told by its fields (a 'type' makes",
      "events) unless --kind says. Shows progress, then a summary of accepted and rejected",
      "records with reasons. Exit status: 0 all accepted, 1 some rejected, 2 import failed."
    })
final class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to import, in order.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "The SalesPulse to send to (default http://localhost:<SALESPULSE_HTTP_PORT>).")
  URI url;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "The ingest token (default SALESPULSE_INGEST_TOKEN, else the demo's"
              + " <SALESPULSE_DATA_DIR>/ingest-token).")
  String token;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      description = "What the files hold: events, reps, targets or fx-rates (default: detected).")
  String kind;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SalesPulseConfig config = ConfigLoader.load(System.getenv(), Map.of());
    LogSetup.apply(config.logging());
    Optional<ImportKind> given = Optional.empty();
    if (kind != null) {
      given = ImportKind.ofLabel(kind);
      if (given.isEmpty()) {
        err.println(
            "salespulse: --kind must be events, reps, targets or fx-rates, was '" + kind + "'");
        return 2;
      }
    }
    URI base = url != null ? url : URI.create("http://localhost:" + config.http().port() + "/");
    Importer importer = new Importer(base, token(config), err, System.console() != null);
    Importer.Summary summary;
    try {
      summary = importer.run(files, given);
    } catch (ImportException e) {
      err.println("salespulse: import stopped: " + e.getMessage());
      return 2;
    }
    out.printf("%,d accepted, %,d rejected%n", summary.accepted(), summary.rejected());
    summary.reasons().forEach((reason, count) -> out.printf("  %,9d %s%n", count, reason));
    if (!summary.errors().isEmpty()) {
      out.println("Rejected records (file:line eventId reason: detail):");
      summary.errors().forEach(line -> out.println("  " + line));
      if (summary.rejected() > summary.errors().size()) {
        out.printf("  … and %,d more%n", summary.rejected() - summary.errors().size());
      }
    }
    out.flush();
    return summary.rejected() == 0 ? 0 : 1;
  }

  private String token(SalesPulseConfig config) {
    if (token != null) {
      return token;
    }
    if (config.access().ingestToken().isPresent()) {
      return config.access().ingestToken().get();
    }
    Path demo = config.storage().dataDir().resolve(IngestToken.FILE_NAME);
    try {
      return Files.isRegularFile(demo)
          ? Files.readString(demo, StandardCharsets.UTF_8).strip()
          : null;
    } catch (IOException e) {
      return null;
    }
  }
}
