package dev.salespulse.streams.topology;

import dev.salespulse.streams.events.FxRate;
import dev.salespulse.streams.events.InvalidEventException;
import dev.salespulse.streams.events.RejectReason;
import java.math.BigDecimal;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What one unit of an order's currency is worth in the reporting currency, from {@code
 * sales.fx-rates}. One instance per processor (not thread-safe).
 */
final class ReportingRates {
  private final String reporting;
  private final RawJsonLookup<FxRate> rates;

  ReportingRates(String reportingCurrency, ReadOnlyKeyValueStore<String, String> fxRates) {
    this.reporting = reportingCurrency;
    this.rates = new RawJsonLookup<>(fxRates, FxRate::parse);
  }

  /**
   * @throws InvalidEventException {@code unknown-currency} when no usable rate is kept
   */
  BigDecimal of(String currency) throws InvalidEventException {
    if (currency.equals(reporting)) {
      return BigDecimal.ONE;
    }
    return rates
        .get(currency)
        .map(FxRate::perUnitInReporting)
        .orElseThrow(
            () ->
                new InvalidEventException(
                    RejectReason.UNKNOWN_CURRENCY,
                    "no usable rate from "
                        + currency
                        + " to "
                        + reporting
                        + " in sales.fx-rates (a number from "
                        + FxRate.MIN.toString()
                        + " to "
                        + FxRate.MAX.toString()
                        + " with at most "
                        + FxRate.MAX_DIGITS
                        + " significant digits)"));
  }
}
