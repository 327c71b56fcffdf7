package dev.salespulse.streams.events;

/** An input record that breaks the event contract; carries the reason and a human detail. */
public final class InvalidEventException extends Exception {
  private static final long serialVersionUID = 1L;
  private final RejectReason reason;

  public InvalidEventException(RejectReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  public RejectReason reason() {
    return reason;
  }

  public String detail() {
    return getMessage();
  }
}
