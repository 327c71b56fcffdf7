package dev.salespulse.streams.query;

import dev.salespulse.streams.config.BusinessHours;
import dev.salespulse.streams.stores.Retention;
import dev.salespulse.streams.stores.ScopeKind;
import dev.salespulse.streams.time.BusinessCalendar;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The share of a period's result expected by now (contract, "expected share by now").
 *
 * <p>For a day it is learned: the share of the day's gross revenue the same weekday of the past
 * {@link #WEEKS} weeks had reached by the same local time (for a rep, the whole company's days: see
 * {@link #shapeOf}), pooled (Σ reached / Σ day totals), from the quarter-hour revenue profile,
 * interpolated linearly inside the current quarter hour. With fewer than {@link #MIN_WEEKS} of
 * those days having any revenue, it is the elapsed share of the business hours on a business day
 * (Monday–Friday), else of the clock (a 23- or 25-hour day included). For a week, month or quarter:
 * the business days already over plus today's share, over the period's business days (the clock's
 * share when the period has none). A finished period's share is 1.
 */
final class ExpectedShare {
  static final int WEEKS = 4;
  static final int MIN_WEEKS = 2;

  private final BusinessCalendar calendar;
  private final BusinessHours hours;
  private final Partials partials;

  ExpectedShare(BusinessCalendar calendar, BusinessHours hours, Partials partials) {
    this.calendar = calendar;
    this.hours = hours;
    this.partials = partials;
  }

  Share of(String scope, PeriodRange range, Instant now) {
    if (!now.isBefore(range.to())) {
      return Share.ALL;
    }
    if (now.isBefore(range.from())) {
      return Share.NONE;
    }
    if (!range.byDays()) {
      return elapsed(range.from(), range.to(), now);
    }
    LocalDate today = calendar.date(now);
    boolean toDate =
        range.period() == Period.WTD
            || range.period() == Period.MTD
            || range.period() == Period.QTD;
    if (!toDate && range.days().size() == 1) {
      return ofDay(scope, today, now);
    }
    List<LocalDate> wholePeriod = wholePeriod(range, today);
    long businessDays = wholePeriod.stream().filter(ExpectedShare::isBusinessDay).count();
    if (businessDays == 0) {
      LocalDate end = wholePeriod.get(wholePeriod.size() - 1).plusDays(1);
      return elapsed(calendar.startOf(wholePeriod.get(0)), calendar.startOf(end), now);
    }
    long over = wholePeriod.stream().filter(d -> d.isBefore(today) && isBusinessDay(d)).count();
    Share todays = isBusinessDay(today) ? ofDay(scope, today, now) : Share.NONE;
    return todays.plusWholeOver(over, businessDays);
  }

  /** All the days of the period a "to date" range belongs to: the whole week, month or quarter. */
  private List<LocalDate> wholePeriod(PeriodRange range, LocalDate today) {
    LocalDate first = range.days().get(0);
    LocalDate end =
        switch (range.period()) {
          case WTD -> calendar.weekStart(today).plusWeeks(1);
          case MTD -> calendar.monthStart(today).plusMonths(1);
          case QTD -> calendar.quarterStart(today).plusMonths(3);
          default -> range.days().get(range.days().size() - 1).plusDays(1);
        };
    return first.datesUntil(end).toList();
  }

  private Share ofDay(String scope, LocalDate day, Instant now) {
    return ofDayShapedBy(shapeOf(scope), day, now);
  }

  /**
   * Whose past days shape a scope's day: its own, but a rep's are the whole floor's. A rep places a
   * handful of orders a day, so four of their past days say little about when their revenue comes
   * in (a rep whose past Mondays all closed in the afternoon would be "ahead 2,000 %" at 11:00);
   * the floor's day is the best estimate of it.
   */
  static String shapeOf(String scope) {
    return scope.startsWith(ScopeKind.REP.prefix() + ":") ? COMPANY : scope;
  }

  private static final String COMPANY = "company:all";

  /**
   * Reads the past {@link #WEEKS} same weekdays' profile buckets in one call (one partial, whatever
   * the number of weeks), then sums each day from them.
   */
  private Share ofDayShapedBy(String scope, LocalDate day, Instant now) {
    LocalTime timeOfDay = now.atZone(calendar.zone()).toLocalTime();
    NavigableMap<Long, Long> profile =
        new TreeMap<>(
            partials.profile(
                scope,
                calendar.startOf(day.minusWeeks(WEEKS)),
                calendar.startOf(day.minusWeeks(1).plusDays(1))));
    long reached = 0;
    long total = 0;
    int weeksWithHistory = 0;
    for (int week = 1; week <= WEEKS; week++) {
      LocalDate past = day.minusWeeks(week);
      long dayTotal = gross(profile, calendar.startOf(past), calendar.startOf(past.plusDays(1)));
      if (dayTotal > 0) {
        weeksWithHistory++;
        total = Math.addExact(total, dayTotal);
        reached = Math.addExact(reached, reachedBy(profile, past, timeOfDay));
      }
    }
    if (weeksWithHistory >= MIN_WEEKS) {
      return Share.of(reached, total);
    }
    if (isBusinessDay(day)) {
      return businessHours(timeOfDay);
    }
    return elapsed(calendar.startOf(day), calendar.startOf(day.plusDays(1)), now);
  }

  /** Gross revenue of a past day up to a local time, the last quarter hour interpolated. */
  private long reachedBy(NavigableMap<Long, Long> profile, LocalDate day, LocalTime timeOfDay) {
    Instant at = resolve(day, timeOfDay);
    long bucketMs = Retention.PROFILE_BUCKET.toMillis();
    long bucketStart = at.toEpochMilli() - Math.floorMod(at.toEpochMilli(), bucketMs);
    long whole = gross(profile, calendar.startOf(day), Instant.ofEpochMilli(bucketStart));
    long partial =
        gross(
            profile,
            Instant.ofEpochMilli(bucketStart),
            Instant.ofEpochMilli(bucketStart + bucketMs));
    return whole + partial * (at.toEpochMilli() - bucketStart) / bucketMs;
  }

  private Instant resolve(LocalDate day, LocalTime timeOfDay) {
    ZonedDateTime local = day.atTime(timeOfDay).atZone(calendar.zone());
    return local.toInstant();
  }

  /** Gross revenue of the profile buckets starting in [from, to). */
  private static long gross(NavigableMap<Long, Long> profile, Instant from, Instant to) {
    if (!from.isBefore(to)) {
      return 0;
    }
    long sum = 0;
    for (long bucket : profile.subMap(from.toEpochMilli(), to.toEpochMilli()).values()) {
      sum = Math.addExact(sum, bucket);
    }
    return sum;
  }

  private Share businessHours(LocalTime timeOfDay) {
    long open = hours.length().toSeconds();
    long elapsed = Duration.between(hours.start(), timeOfDay).toSeconds();
    return Share.of(Math.max(0, Math.min(open, elapsed)), open);
  }

  private static Share elapsed(Instant from, Instant to, Instant now) {
    return Share.of(
        Duration.between(from, now).toSeconds(), Duration.between(from, to).toSeconds());
  }

  static boolean isBusinessDay(LocalDate day) {
    DayOfWeek weekday = day.getDayOfWeek();
    return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY;
  }
}
