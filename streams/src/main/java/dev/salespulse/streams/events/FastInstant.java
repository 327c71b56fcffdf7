package dev.salespulse.streams.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Parses the form nearly every producer sends, {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, without the
 * general ISO formatter (which builds a field map and several objects per value: a visible part of
 * every event's parse). It only ever answers for text that formatter would accept with the same
 * instant; anything else, valid or not, is left to the formatter ({@code null}).
 */
final class FastInstant {
  private static final int SHORTEST = "2026-11-26T14:03:22Z".length();
  private static final int LONGEST = "2026-11-26T14:03:22.123456789Z".length();
  private static final int SECONDS_PER_DAY = 86_400;

  private FastInstant() {}

  /** The instant of {@code text}, or null when it is not in the common UTC form. */
  static Instant parseUtc(String text) {
    int length = text.length();
    if (length < SHORTEST
        || length > LONGEST
        || length == SHORTEST + 1
        || text.charAt(length - 1) != 'Z'
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || (length > SHORTEST && text.charAt(19) != '.')) {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    int fraction = length > SHORTEST ? digits(text, 20, length - 1) : 0;
    if (year < 0
        || month < 0
        || day < 0
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || fraction < 0) {
      return null;
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return null;
    }
    int nanos = fraction;
    for (int i = length - 1 - 20; i < 9 && length > SHORTEST; i++) {
      nanos *= 10;
    }
    return Instant.ofEpochSecond(
        epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
  }

  /** The decimal number in {@code text[from, to)}, or -1 when a character is not an ASCII digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
