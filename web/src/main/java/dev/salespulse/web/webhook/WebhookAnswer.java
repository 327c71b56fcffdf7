package dev.salespulse.web.webhook;

import dev.salespulse.web.ingest.IngestResult.RecordError;
import java.util.List;

/**
 * The body of a webhook answer that got as far as mapping: the shape of {@code POST
 * /api/v1/events}'s answer ({@code accepted}, {@code rejected}, {@code errors} by index of the
 * event in the payload) plus {@code ignored}, the events the mapping leaves out on purpose.
 */
public record WebhookAnswer(int accepted, int rejected, int ignored, List<RecordError> errors) {
  public WebhookAnswer {
    errors = List.copyOf(errors);
  }
}
