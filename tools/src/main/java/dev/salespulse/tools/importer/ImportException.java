package dev.salespulse.tools.importer;

/**
 * An import that cannot go on: the service is unreachable, the token refused, a file unreadable.
 */
public final class ImportException extends Exception {
  private static final long serialVersionUID = 1L;

  public ImportException(String message) {
    super(message, null, false, false);
  }
}
