package dev.salespulse.streams.config;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * The working hours of a business day ({@code SALESPULSE_BUSINESS_HOURS}, Monday to Friday), which
 * shape the expected share of a day's sales reached by a given time.
 */
public record BusinessHours(LocalTime start, LocalTime end) {

  public BusinessHours {
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("business hours must end after they start");
    }
  }

  /** Parses {@code HH:mm-HH:mm}. */
  public static BusinessHours parse(String text) {
    String[] parts = text.split("-", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException("expected HH:mm-HH:mm");
    }
    try {
      return new BusinessHours(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("expected HH:mm-HH:mm", e);
    }
  }

  public Duration length() {
    return Duration.between(start, end);
  }

  @Override
  public String toString() {
    return start + "-" + end;
  }
}
