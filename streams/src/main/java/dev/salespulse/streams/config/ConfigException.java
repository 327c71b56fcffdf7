package dev.salespulse.streams.config;

/** A setting that cannot be used; the message names the variable and what it accepts. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
