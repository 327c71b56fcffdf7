package dev.salespulse.streams.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Month;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;

/**
 * How sales are counted and reported: the business calendar, the money and how long what is counted
 * is kept.
 *
 * @param timezone {@code SALESPULSE_TIMEZONE}: days run from local midnight to midnight
 * @param businessHours {@code SALESPULSE_BUSINESS_HOURS}, Monday to Friday
 * @param fiscalYearStart {@code SALESPULSE_FISCAL_YEAR_START}: quarters follow it
 * @param currency {@code SALESPULSE_CURRENCY}, the reporting currency (ISO 4217)
 * @param currencyDigits {@code SALESPULSE_CURRENCY_DIGITS} money is rounded to
 * @param dedupRetention {@code SALESPULSE_DEDUP_RETENTION}: how long an eventId is remembered
 * @param minuteRetention {@code SALESPULSE_MINUTE_RETENTION}: how long minute buckets are kept
 * @param orderRetention {@code SALESPULSE_ORDER_RETENTION}: how long a placed order is kept
 * @param feedLargeDeal {@code SALESPULSE_FEED_LARGE_DEAL}: placed orders of at least this amount
 *     (reporting currency) go to the sales feed
 */
public record ReportingConfig(
    ZoneId timezone,
    BusinessHours businessHours,
    Month fiscalYearStart,
    String currency,
    int currencyDigits,
    Duration dedupRetention,
    Duration minuteRetention,
    Duration orderRetention,
    BigDecimal feedLargeDeal) {

  static ReportingConfig from(Settings settings) {
    return new ReportingConfig(
        settings.value(ConfigKey.TIMEZONE, "an IANA time zone such as Europe/Berlin", ZoneId::of),
        settings.value(
            ConfigKey.BUSINESS_HOURS, "HH:mm-HH:mm such as 09:00-18:00", BusinessHours::parse),
        settings.value(
            ConfigKey.FISCAL_YEAR_START,
            "a month such as JANUARY or APRIL",
            ReportingConfig::month),
        settings.value(
            ConfigKey.CURRENCY, "an ISO 4217 currency code such as USD", ReportingConfig::currency),
        settings.intIn(ConfigKey.CURRENCY_DIGITS, 0, 4),
        settings.duration(ConfigKey.DEDUP_RETENTION),
        settings.duration(ConfigKey.MINUTE_RETENTION),
        settings.duration(ConfigKey.ORDER_RETENTION),
        settings.value(
            ConfigKey.FEED_LARGE_DEAL,
            "an amount of 0 or more such as 5000",
            ReportingConfig::amount));
  }

  private static BigDecimal amount(String text) {
    BigDecimal amount = new BigDecimal(text);
    if (amount.signum() < 0 || amount.precision() - amount.scale() > 15) {
      throw new IllegalArgumentException("not a plausible amount");
    }
    return amount;
  }

  private static String currency(String code) {
    return Currency.getInstance(code.toUpperCase(Locale.ROOT)).getCurrencyCode();
  }

  private static Month month(String name) {
    return Month.valueOf(name.toUpperCase(Locale.ROOT));
  }
}
