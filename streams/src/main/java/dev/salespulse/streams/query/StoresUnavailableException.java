package dev.salespulse.streams.query;

/** The state stores cannot be read right now (starting, restoring, rebalancing); retry shortly. */
public final class StoresUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoresUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
