package dev.salespulse.web.webhook;

/** A payload value that is present but cannot become what the mapping asks for. */
final class MappingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MappingException(String message) {
    super(message);
  }
}
