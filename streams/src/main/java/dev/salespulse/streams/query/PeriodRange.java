package dev.salespulse.streams.query;

import dev.salespulse.streams.stores.Retention;
import dev.salespulse.streams.time.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A period resolved against the wall clock: the instants it covers ({@code to} exclusive) and, for
 * periods of whole business days, those days. Day periods are summed from day buckets; the others
 * ({@code last15m}, {@code last60m}, {@code custom} with instants) from minute buckets.
 *
 * @param days the business days covered, oldest first; empty for a minute period
 */
public record PeriodRange(Period period, Instant from, Instant to, List<LocalDate> days) {
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /**
   * The instants a period may have: any clock can place them in a local day (the calendar's dates
   * end near year 1,000,000,000) and any store can read them (epoch milliseconds).
   */
  public static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");

  public static final Instant LATEST = Instant.parse("+100000-01-01T00:00:00Z");

  public PeriodRange {
    days = List.copyOf(days);
  }

  public boolean byDays() {
    return !days.isEmpty();
  }

  /**
   * @param fromParam {@code from} of a custom period (a local date or an instant on a minute
   *     boundary), null otherwise
   * @param minuteRetention how far back minute buckets reach
   * @throws IllegalArgumentException with a message fit for an API user
   */
  public static PeriodRange resolve(
      String code,
      String fromParam,
      String toParam,
      Instant now,
      BusinessCalendar calendar,
      Duration minuteRetention) {
    Period period = Period.parse(code);
    if (period != Period.CUSTOM && (fromParam != null || toParam != null)) {
      throw new IllegalArgumentException("'from' and 'to' go with period=custom only");
    }
    LocalDate today = calendar.date(now);
    Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
    return switch (period) {
      case TODAY -> days(period, today, today.plusDays(1), calendar);
      case YESTERDAY -> days(period, today.minusDays(1), today, calendar);
      case WTD -> days(period, calendar.weekStart(today), today.plusDays(1), calendar);
      case MTD -> days(period, calendar.monthStart(today), today.plusDays(1), calendar);
      case QTD -> days(period, calendar.quarterStart(today), today.plusDays(1), calendar);
      case LAST15M -> minutes(period, minute.minus(Duration.ofMinutes(14)), minute.plusSeconds(60));
      case LAST60M -> minutes(period, minute.minus(Duration.ofMinutes(59)), minute.plusSeconds(60));
      case CUSTOM -> custom(fromParam, toParam, now, calendar, minuteRetention);
    };
  }

  private static PeriodRange custom(
      String fromParam,
      String toParam,
      Instant now,
      BusinessCalendar calendar,
      Duration minuteRetention) {
    if (fromParam == null || toParam == null) {
      throw new IllegalArgumentException(
          "period=custom needs 'from' and 'to': local dates (2026-11-26) or minute instants"
              + " (2026-11-26T14:00:00Z); 'to' is exclusive");
    }
    if (DATE.matcher(fromParam).matches() && DATE.matcher(toParam).matches()) {
      LocalDate from = date(fromParam, "from");
      LocalDate to = date(toParam, "to");
      LocalDate oldest = calendar.date(now.minus(Retention.DAYS));
      if (!from.isBefore(to)) {
        throw new IllegalArgumentException("'from' must be before 'to' (which is exclusive)");
      }
      if (from.isBefore(oldest)
          || to.isAfter(calendar.date(now).plusDays(Retention.DAYS.toDays()))
          || ChronoUnit.DAYS.between(from, to) > Retention.DAYS.toDays()) {
        throw new IllegalArgumentException(
            "custom dates must lie within "
                + Retention.DAYS.toDays()
                + " days of today and span at most "
                + Retention.DAYS.toDays()
                + " days");
      }
      return days(Period.CUSTOM, from, to, calendar);
    }
    Instant from = minuteInstant(fromParam, "from");
    Instant to = minuteInstant(toParam, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("'from' must be before 'to' (which is exclusive)");
    }
    if (from.isBefore(now.truncatedTo(ChronoUnit.MINUTES).minus(minuteRetention))) {
      throw new IllegalArgumentException(
          "custom instants reach back at most "
              + minuteRetention.toHours()
              + " h (minute buckets); use local dates for older periods");
    }
    if (Duration.between(from, to).compareTo(minuteRetention) > 0) {
      throw new IllegalArgumentException(
          "custom instants may span at most " + minuteRetention.toHours() + " h");
    }
    return minutes(Period.CUSTOM, from, to);
  }

  private static PeriodRange days(
      Period period, LocalDate first, LocalDate end, BusinessCalendar calendar) {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate day = first; day.isBefore(end); day = day.plusDays(1)) {
      days.add(day);
    }
    return new PeriodRange(period, calendar.startOf(first), calendar.startOf(end), days);
  }

  private static PeriodRange minutes(Period period, Instant from, Instant to) {
    return new PeriodRange(period, from, to, List.of());
  }

  private static LocalDate date(String text, String name) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + name + "' is not a valid date: " + text);
    }
  }

  private static Instant minuteInstant(String text, String name) {
    Instant instant;
    try {
      instant = OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "' must be a local date (2026-11-26) or an instant with Z or an offset"
              + " (2026-11-26T14:00:00Z): "
              + text);
    }
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw new IllegalArgumentException(
          "'" + name + "' must lie between " + EARLIEST + " and " + LATEST + ": " + text);
    }
    if (!instant.equals(instant.truncatedTo(ChronoUnit.MINUTES))) {
      throw new IllegalArgumentException("'" + name + "' must be on a minute boundary: " + text);
    }
    return instant;
  }
}
