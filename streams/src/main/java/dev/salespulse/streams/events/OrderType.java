package dev.salespulse.streams.events;

/** The lifecycle step an order event reports. */
public enum OrderType {
  ORDER_PLACED,
  ORDER_CANCELLED,
  ORDER_REFUNDED
}
