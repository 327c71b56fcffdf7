package dev.salespulse.web.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What one event of a webhook payload became: a contract event, ignored on purpose, or refused. */
sealed interface ItemOutcome {
  int index();

  /** A contract event to send on. */
  record Mapped(int index, String eventId, ObjectNode event) implements ItemOutcome {}

  /** A type the mapping deliberately leaves out (answered 2xx so the provider stops sending it). */
  record Ignored(int index, String eventType, String why) implements ItemOutcome {}

  /**
   * An event SalesPulse cannot take: {@code reason} {@code unmapped-event} (no rule names its type)
   * or {@code unmappable} (a field the contract needs is missing or wrong).
   */
  record Failed(int index, String eventId, String reason, String detail) implements ItemOutcome {}
}
