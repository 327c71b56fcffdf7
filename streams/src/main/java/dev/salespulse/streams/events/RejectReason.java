package dev.salespulse.streams.events;

/**
 * Why an input record went to the dead-letter topic. The {@link #code()} is what users see: the
 * {@code x-error-reason} header and the {@code reason} label of {@code
 * salespulse_events_rejected_total}.
 */
public enum RejectReason {
  MALFORMED_JSON("malformed-json"),
  MISSING_FIELD("missing-field"),
  WRONG_TYPE("wrong-type"),
  NEGATIVE_AMOUNT("negative-amount"),
  TOO_MANY_DECIMALS("too-many-decimals"),
  AMOUNT_TOO_LARGE("amount-too-large"),
  UNKNOWN_TYPE("unknown-type"),
  BAD_TIMESTAMP("bad-timestamp"),
  FUTURE_EVENT("future-event"),
  UNKNOWN_ORDER("unknown-order"),
  UNKNOWN_CURRENCY("unknown-currency"),
  REFUND_EXCEEDS_ORDER("refund-exceeds-order"),
  DUPLICATE_ORDER("duplicate-order"),
  ORDER_CANCELLED("order-cancelled"),
  TOO_LATE("too-late"),
  VALUE_TOO_LARGE("value-too-large"),
  TOO_MANY_CATEGORIES("too-many-categories"),
  OVERFLOW("overflow"),
  /** Processing the record threw: see {@code ProcessingErrorHandler}. */
  PROCESSING_ERROR("processing-error");

  private final String code;

  RejectReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
