package dev.salespulse.tools.broker;

/**
 * The embedded broker could not start: its port is taken, its data directory is unusable, or it did
 * not answer clients in time. The message says what to change.
 */
public final class EmbeddedBrokerException extends RuntimeException {

  public EmbeddedBrokerException(String message) {
    super(message);
  }

  public EmbeddedBrokerException(String message, Throwable cause) {
    super(message, cause);
  }
}
