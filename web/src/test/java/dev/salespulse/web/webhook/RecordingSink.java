package dev.salespulse.web.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.web.ingest.EventSink;
import dev.salespulse.web.ingest.IngestResult;
import dev.salespulse.web.ingest.ReferenceKind;
import dev.salespulse.web.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An {@link EventSink} that keeps every event it is given, by label, and counts each {@code
 * eventId} once, as SalesPulse's deduplication does. It refuses the events {@code refuse} picks,
 * with reason {@code invalid-event}.
 */
final class RecordingSink implements EventSink {
  final List<String> labels = new ArrayList<>();
  final List<JsonNode> received = new ArrayList<>();
  final Set<String> counted = new LinkedHashSet<>();
  private final Predicate<JsonNode> refuse;

  RecordingSink() {
    this(event -> false);
  }

  RecordingSink(Predicate<JsonNode> refuse) {
    this.refuse = refuse;
  }

  EventSink labelled(String label) {
    labels.add(label);
    return this;
  }

  @Override
  public IngestResult events(List<byte[]> events) {
    List<IngestResult.RecordError> errors = new ArrayList<>();
    int accepted = 0;
    for (int i = 0; i < events.size(); i++) {
      JsonNode event = parse(events.get(i));
      if (refuse.test(event)) {
        errors.add(
            new IngestResult.RecordError(
                i, event.path("eventId").asText(), "invalid-event", "refused by the test"));
        continue;
      }
      received.add(event);
      counted.add(event.get("eventId").asText());
      accepted++;
    }
    return new IngestResult(accepted, errors.size(), errors);
  }

  @Override
  public IngestResult reference(ReferenceKind kind, List<byte[]> records) {
    throw new UnsupportedOperationException("webhooks send events only");
  }

  List<String> eventIds() {
    return received.stream().map(e -> e.get("eventId").asText()).toList();
  }

  private static JsonNode parse(byte[] bytes) {
    try {
      return Json.MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
