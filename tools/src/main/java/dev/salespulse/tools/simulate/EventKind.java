package dev.salespulse.tools.simulate;

/** What the generator may produce next; {@code DEAL} becomes DEAL_WON or DEAL_LOST. */
enum EventKind {
  CALL,
  EMAIL,
  MEETING,
  DEMO,
  LEAD_CREATED,
  DEAL,
  ORDER_PLACED,
  ORDER_CANCELLED,
  ORDER_REFUNDED
}
