package dev.salespulse.web.webhook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The contract event types a mapping may emit, with the fields the contract knows for each and
 * those it requires ("Events" in the design contract).
 */
enum EventKind {
  ORDER_PLACED(Family.ORDER, List.of("orderId", "repId", "amount", "currency")),
  ORDER_CANCELLED(Family.ORDER, List.of("orderId")),
  ORDER_REFUNDED(Family.ORDER, List.of("orderId", "amount")),
  CALL(Family.ACTIVITY, List.of("repId")),
  EMAIL(Family.ACTIVITY, List.of("repId")),
  MEETING(Family.ACTIVITY, List.of("repId")),
  DEMO(Family.ACTIVITY, List.of("repId")),
  LEAD_CREATED(Family.ACTIVITY, List.of("repId")),
  DEAL_WON(Family.ACTIVITY, List.of("repId")),
  DEAL_LOST(Family.ACTIVITY, List.of("repId"));

  private enum Family {
    ORDER(
        Set.of(
            "eventId",
            "orderId",
            "occurredAt",
            "repId",
            "customerId",
            "channel",
            "currency",
            "amount",
            "lines",
            "teamId",
            "region")),
    ACTIVITY(
        Set.of(
            "eventId",
            "occurredAt",
            "repId",
            "customerId",
            "outcome",
            "durationSeconds",
            "dealValue",
            "teamId",
            "region"));

    private final Set<String> fields;

    Family(Set<String> fields) {
      this.fields = fields;
    }
  }

  private final Family family;
  private final List<String> required;

  EventKind(Family family, List<String> required) {
    this.family = family;
    this.required = required;
  }

  /** Fields every event of this type needs, {@code eventId} and {@code occurredAt} first. */
  List<String> required() {
    return Stream.concat(Stream.of("eventId", "occurredAt"), required.stream()).toList();
  }

  boolean knows(String field) {
    return family.fields.contains(field);
  }

  static Optional<EventKind> byName(String name) {
    return Arrays.stream(values()).filter(k -> k.name().equals(name)).findFirst();
  }
}
