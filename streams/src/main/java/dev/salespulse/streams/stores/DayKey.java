package dev.salespulse.streams.stores;

import java.time.LocalDate;

/**
 * Key of {@link StoreNames#KPI_DAY}: {@code <scope>|<yyyy-MM-dd>}, the date being the business
 * day in the configured time zone. The date is always the last 10 characters, so a scope id that
 * contains {@code |} cannot be confused with another.
 */
public record DayKey(String scope, LocalDate date) {
  private static final int DATE_LENGTH = 10;

  public static DayKey parse(String key) {
    int split = key.length() - DATE_LENGTH - 1;
    return new DayKey(key.substring(0, split), LocalDate.parse(key.substring(split + 1)));
  }

  @Override
  public String toString() {
    return scope + "|" + date;
  }
}
