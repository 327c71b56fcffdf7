package dev.salespulse.streams.query;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The periods a KPI question can be asked over, by the wall clock in the business time zone. This
 * build answers whole business days; the rest of the contract's periods (wtd, mtd, qtd, last15m,
 * last60m, custom) come with the full KPI engine.
 */
public enum Period {
  TODAY,
  YESTERDAY;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The business day this period covers, given today's date in the business time zone. */
  public LocalDate day(LocalDate today) {
    return this == TODAY ? today : today.minusDays(1);
  }

  /**
   * @throws IllegalArgumentException naming the supported periods
   */
  public static Period parse(String code) {
    return Arrays.stream(values())
        .filter(p -> p.code().equals(code))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown period '" + code + "'; supported: " + supported()));
  }

  private static String supported() {
    return Arrays.stream(values()).map(Period::code).collect(Collectors.joining(", "));
  }
}
