package dev.salespulse.web.metrics;

import dev.salespulse.streams.config.BusinessHours;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * {@code salespulse_business_hours}: 1 while the sales floor works ({@code
 * SALESPULSE_BUSINESS_HOURS}, Monday to Friday, in {@code SALESPULSE_TIMEZONE}), else 0. Alert
 * rules that must hold only in business hours ("behind pace", "no orders") multiply by it, so
 * Prometheus needs no copy of the calendar and no time zone of its own: the calendar is the one
 * SalesPulse computes its KPIs with. Public holidays are not known (nor are they to the KPIs).
 */
public final class BusinessHoursGauge {
  private BusinessHoursGauge() {}

  public static void register(
      BusinessHours hours, ZoneId zone, Clock clock, MeterRegistry registry) {
    Gauge.builder("salespulse.business.hours", () -> isBusinessTime(hours, zone, clock) ? 1 : 0)
        .description("1 during business hours (Monday-Friday, business time zone), else 0")
        .register(registry);
  }

  static boolean isBusinessTime(BusinessHours hours, ZoneId zone, Clock clock) {
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
    DayOfWeek day = now.getDayOfWeek();
    if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
      return false;
    }
    LocalTime time = now.toLocalTime();
    return !time.isBefore(hours.start()) && time.isBefore(hours.end());
  }
}
