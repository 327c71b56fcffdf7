package dev.salespulse.streams.events;

/** What a rep did. */
public enum ActivityType {
  CALL,
  EMAIL,
  MEETING,
  DEMO,
  LEAD_CREATED,
  DEAL_WON,
  DEAL_LOST
}
