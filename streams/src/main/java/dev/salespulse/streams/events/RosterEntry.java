package dev.salespulse.streams.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A rep of {@code sales.reps}: display name, team and region. An event that names its own team or
 * region keeps them; otherwise they come from here, and a rep not in the roster counts under {@link
 * #UNASSIGNED}.
 */
public record RosterEntry(String repId, String name, String teamId, String region, boolean active) {
  public static final String UNASSIGNED = "unassigned";

  /** The roster's record, or empty when it is not a usable roster entry (logged by the caller). */
  public static Optional<RosterEntry> parse(String json) {
    if (json == null) {
      return Optional.empty();
    }
    try {
      JsonNode node = EventParser.object(json.getBytes(StandardCharsets.UTF_8));
      JsonFields fields = new JsonFields(node);
      String repId = fields.text("repId");
      JsonNode active = node.get("active");
      return Optional.of(
          new RosterEntry(
              repId,
              fields.optionalText("name").orElse(repId),
              fields.optionalText("teamId").orElse(UNASSIGNED),
              fields.optionalText("region").orElse(UNASSIGNED),
              active == null || !active.isBoolean() || active.booleanValue()));
    } catch (InvalidEventException e) {
      return Optional.empty();
    }
  }
}
