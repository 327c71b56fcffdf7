package dev.salespulse.web.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * What became of the records of one ingest request: how many were accepted (acknowledged by the
 * cluster) and rejected, and why each rejected one was, by its index in the request.
 */
public record IngestResult(int accepted, int rejected, List<RecordError> errors) {

  public IngestResult {
    errors = List.copyOf(errors);
  }

  /** Why the record at {@code index} (0-based, in request order) was not taken. */
  public record RecordError(int index, String eventId, String reason, String detail) {}

  public static IngestResult empty() {
    return new IngestResult(0, 0, List.of());
  }

  /** This result followed by {@code next}, whose indexes are shifted by {@code offset}. */
  public IngestResult plus(IngestResult next, int offset) {
    List<RecordError> all = new ArrayList<>(errors);
    next.errors.forEach(
        e -> all.add(new RecordError(e.index() + offset, e.eventId(), e.reason(), e.detail())));
    return new IngestResult(accepted + next.accepted, rejected + next.rejected, all);
  }
}
