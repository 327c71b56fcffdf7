package dev.salespulse.streams.time;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * The sales calendar in the business time zone: a day runs from local midnight to local midnight
 * (23 or 25 hours on daylight-saving days, and local midnight itself may not exist, in which case
 * the day starts at the first valid instant), weeks start on Monday, and quarters follow the fiscal
 * year's first month.
 */
public final class BusinessCalendar {
  private final ZoneId zone;
  private final Month fiscalYearStart;

  public BusinessCalendar(ZoneId zone, Month fiscalYearStart) {
    this.zone = zone;
    this.fiscalYearStart = fiscalYearStart;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The business day an instant falls on. */
  public LocalDate date(Instant instant) {
    return LocalDate.ofInstant(instant, zone);
  }

  /** The first instant of a business day. */
  public Instant startOf(LocalDate date) {
    return date.atStartOfDay(zone).toInstant();
  }

  /** The Monday of the week a date is in. */
  public LocalDate weekStart(LocalDate date) {
    return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  public LocalDate monthStart(LocalDate date) {
    return date.withDayOfMonth(1);
  }

  /** The first day of the fiscal quarter a date is in. */
  public LocalDate quarterStart(LocalDate date) {
    int monthsIntoYear = Math.floorMod(date.getMonthValue() - fiscalYearStart.getValue(), 12);
    return date.withDayOfMonth(1).minusMonths(monthsIntoYear % 3);
  }
}
