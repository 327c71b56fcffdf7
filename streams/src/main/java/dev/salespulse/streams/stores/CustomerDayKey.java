package dev.salespulse.streams.stores;

import java.time.LocalDate;

/**
 * Keys of {@link StoreNames#CUSTOMER_DAYS}: {@code <yyyy-MM-dd>|<length of
 * scope>:<scope>|<customer>}. Date first, so a day's customers of a scope are one prefix and
 * expired days one range; the scope's length makes the prefix exact even for scope ids containing
 * {@code |}.
 */
public final class CustomerDayKey {
  private CustomerDayKey() {}

  public static String of(LocalDate day, String scope, String customer) {
    return prefix(day, scope) + customer;
  }

  /** The common prefix of every key of one scope's customers on one day. */
  public static String prefix(LocalDate day, String scope) {
    return day + "|" + scope.length() + ":" + scope + "|";
  }
}
