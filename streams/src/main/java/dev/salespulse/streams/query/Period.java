package dev.salespulse.streams.query;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The periods a KPI question can be asked over (contract, "Periods"), by the wall clock in the
 * business time zone. {@link #CUSTOM} takes {@code from}/{@code to}; see {@link PeriodRange}.
 */
public enum Period {
  TODAY,
  YESTERDAY,
  WTD,
  MTD,
  QTD,
  LAST15M,
  LAST60M,
  CUSTOM;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the known periods
   */
  public static Period parse(String code) {
    return Arrays.stream(values())
        .filter(p -> p.code().equals(code))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown period '" + code + "'; known periods: " + known()));
  }

  private static String known() {
    return Arrays.stream(values()).map(Period::code).collect(Collectors.joining(", "));
  }
}
