package dev.salespulse.tools.importer;

import dev.salespulse.streams.events.EventParser;
import dev.salespulse.streams.events.RejectReason;
import dev.salespulse.web.ingest.IngestResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code salespulse import}: files of events or reference data to a running SalesPulse, in batches
 * through its write routes, so every record passes the same checks as over HTTP. Counts what was
 * accepted and rejected, by reason, and keeps the first rejected records with their file and line.
 */
public final class Importer {
  static final int BATCH_RECORDS = 5_000;
  static final int BATCH_BYTES = 8 * 1024 * 1024;
  static final int ERRORS_LISTED = 20;

  private final IngestClient client;
  private final ImportProgress progress;

  /** What an import did. {@code errors} holds the first {@link #ERRORS_LISTED} rejected records. */
  public record Summary(
      long accepted, long rejected, Map<String, Long> reasons, List<String> errors) {}

  public Importer(URI base, String token, PrintWriter progressOut, boolean terminal) {
    this.client = new IngestClient(base, token);
    this.progress = new ImportProgress(progressOut, terminal);
  }

  public Summary run(List<Path> files, Optional<ImportKind> kind)
      throws ImportException, InterruptedException {
    Tally tally = new Tally();
    for (Path file : files) {
      importFile(file, kind, tally);
    }
    return new Summary(tally.accepted, tally.rejected, tally.reasons, tally.errors);
  }

  private void importFile(Path path, Optional<ImportKind> given, Tally tally)
      throws ImportException, InterruptedException {
    String name = path.toString();
    try (ImportFile file = ImportFile.open(path)) {
      Optional<ImportKind> detected = given.isPresent() ? given : file.kind();
      if (detected.isEmpty()) {
        if (file.next() == null) {
          progress.fileDone(name, 0, 0, 0);
          return;
        }
        throw new ImportException(
            "cannot tell what "
                + name
                + " holds from its fields: give --kind events, reps, targets or fx-rates");
      }
      ImportKind kind = detected.get();
      long fileAccepted = tally.accepted;
      long fileRejected = tally.rejected;
      List<ImportRecord> batch = new ArrayList<>();
      long batchBytes = 0;
      for (ImportRecord record = file.next(); record != null; record = file.next()) {
        if (record.json().length > EventParser.MAX_VALUE_BYTES) {
          tally.reject(
              name,
              record.line(),
              null,
              RejectReason.VALUE_TOO_LARGE.code(),
              "the record has more than " + EventParser.MAX_VALUE_BYTES + " bytes");
          continue;
        }
        if (batch.size() == BATCH_RECORDS || batchBytes + record.json().length > BATCH_BYTES) {
          send(kind, batch, name, tally);
          batch.clear();
          batchBytes = 0;
          progress.update(
              name,
              file.bytesRead(),
              file.size(),
              tally.accepted - fileAccepted,
              tally.rejected - fileRejected);
        }
        batch.add(record);
        batchBytes += record.json().length + 1;
      }
      send(kind, batch, name, tally);
      progress.fileDone(
          name, file.size(), tally.accepted - fileAccepted, tally.rejected - fileRejected);
    } catch (NoSuchFileException e) {
      throw new ImportException("no such file: " + name);
    } catch (IOException | UncheckedIOException e) {
      throw new ImportException("cannot read " + name + ": " + e.getMessage());
    }
  }

  private void send(ImportKind kind, List<ImportRecord> batch, String name, Tally tally)
      throws ImportException, InterruptedException {
    if (batch.isEmpty()) {
      return;
    }
    IngestResult result = client.send(kind, batch.stream().map(ImportRecord::json).toList());
    tally.accepted += result.accepted();
    for (IngestResult.RecordError error : result.errors()) {
      long line = error.index() < batch.size() ? batch.get(error.index()).line() : -1;
      tally.reject(name, line, error.eventId(), error.reason(), error.detail());
    }
  }

  private static final class Tally {
    long accepted;
    long rejected;
    final Map<String, Long> reasons = new TreeMap<>();
    final List<String> errors = new ArrayList<>();

    void reject(String file, long line, String eventId, String reason, String detail) {
      rejected++;
      reasons.merge(reason, 1L, Long::sum);
      if (errors.size() < ERRORS_LISTED) {
        errors.add(
            file
                + ":"
                + line
                + (eventId == null ? "" : " " + eventId)
                + " "
                + reason
                + ": "
                + detail);
      }
    }
  }
}
