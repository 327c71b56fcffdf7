package dev.salespulse.streams.stores;

import java.time.LocalDate;

/**
 * A scope's business day. In {@link StoreNames#KPI_DAY} the key is {@code <yyyy-MM-dd>|<scope>}
 * ({@link #toString()}): date first, so one day's scopes of a kind are one range (leaderboards) and
 * days past retention are one prefix range (clean-up). On {@code sales.kpi-changes} the key is
 * {@code <scope>|<yyyy-MM-dd>} ({@link #changeKey()}), the scope key first as the contract names
 * it. The date has a fixed width, so a scope id containing {@code |} is never ambiguous.
 */
public record DayKey(LocalDate date, String scope) {
  private static final int DATE_LENGTH = 10;

  public static DayKey parse(String storeKey) {
    return new DayKey(
        LocalDate.parse(storeKey.substring(0, DATE_LENGTH)), storeKey.substring(DATE_LENGTH + 1));
  }

  public static DayKey parseChangeKey(String changeKey) {
    int split = changeKey.length() - DATE_LENGTH - 1;
    return new DayKey(
        LocalDate.parse(changeKey.substring(split + 1)), changeKey.substring(0, split));
  }

  public String changeKey() {
    return scope + "|" + date;
  }

  @Override
  public String toString() {
    return date + "|" + scope;
  }
}
