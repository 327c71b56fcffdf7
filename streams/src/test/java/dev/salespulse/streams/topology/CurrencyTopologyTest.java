package dev.salespulse.streams.topology;

import static dev.salespulse.streams.testing.Kpis.totals;
import static dev.salespulse.streams.testing.OrderEventBuilder.aRefundOf;
import static dev.salespulse.streams.testing.OrderEventBuilder.anOrder;
import static dev.salespulse.streams.testing.Reps.ADA;
import static dev.salespulse.streams.testing.Reps.BEN;
import static dev.salespulse.streams.testing.Reps.CHO;
import static dev.salespulse.streams.testing.TopologyHarness.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.events.RejectReason;
import dev.salespulse.streams.testing.OrderEventBuilder;
import dev.salespulse.streams.testing.TopologyHarness;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Orders in another currency are converted with the latest rate of {@code sales.fx-rates} and
 * rounded half-even to 2 digits per event; an order without a rate is dead-lettered.
 */
class CurrencyTopologyTest {
  private static final String TODAY = "2026-11-26";
  private static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");

  private TopologyHarness harness;

  @BeforeEach
  void start() {
    harness = TopologyHarness.start().roster(ADA, BEN, CHO);
  }

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void shouldDeadLetterOrderInCurrencyWithoutRate() {
    harness.send(anOrder().currency("EUR").amount("100.00").at(AT));

    assertThat(harness.deadLetters())
        .extracting(r -> header(r.headers(), "x-error-reason"))
        .containsExactly("unknown-currency");
    assertThat(harness.rejected(RejectReason.UNKNOWN_CURRENCY)).isEqualTo(1.0);
    assertThat(harness.day("company:all", TODAY)).isNull();
  }

  @Test
  void shouldTreatAnUnreadableRateAsNoRate() {
    harness.fxRate("EUR", "1e2147483648");

    harness.send(anOrder().currency("EUR").amount("100.00").at(AT));
    harness.send(anOrder().currency("USD").amount("1.00").at(AT));

    assertThat(harness.deadLetters())
        .extracting(r -> header(r.headers(), "x-error-reason"))
        .containsExactly("unknown-currency");
    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("1.00", 1, 0, AT));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "1e999999999",
        "1e-999999999",
        "1e13",
        "1e-13",
        "1.00000000000000000001",
        "0",
        "-1.08"
      })
  void shouldTreatARateOfAbsurdSizeOrPrecisionAsNoRate(String rate) {
    // 1e999999999 once made each EUR order take from seconds to hours (a billion-digit decimal).
    harness.fxRate("EUR", rate);

    harness.send(anOrder().currency("EUR").amount("100.00").at(AT));
    harness.send(anOrder().currency("USD").amount("1.00").at(AT));

    assertThat(harness.deadLetters())
        .singleElement()
        .satisfies(
            deadLetter -> {
              assertThat(header(deadLetter.headers(), "x-error-reason"))
                  .isEqualTo("unknown-currency");
              assertThat(header(deadLetter.headers(), "x-error-detail")).contains("usable");
            });
    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("1.00", 1, 0, AT));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"1e12", "1e-12", "1.0000000000000000001"})
  void shouldConvertWithARateAtTheLimits(String rate) {
    harness.fxRate("EUR", rate);

    harness.send(anOrder().currency("EUR").amount("0.01").at(AT));

    assertThat(harness.deadLetters()).isEmpty();
    assertThat(harness.dayTotals("company:all", TODAY).placed()).isEqualTo(1);
  }

  @Test
  void shouldConvertWithTheRateAndRoundToTwoDigits() {
    harness.fxRate("EUR", "1.08");

    harness.send(anOrder().currency("EUR").amount("100.005").at(AT));

    // 100.005 × 1.08 = 108.0054
    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("108.01", 1, 0, AT));
  }

  @Test
  void shouldRoundEachConvertedAmountHalfEven() {
    harness.fxRate("EUR", "1");

    harness.send(
        anOrder().rep(ADA).currency("EUR").amount("10.125").at(AT),
        anOrder().rep(BEN).currency("EUR").amount("10.135").at(AT));

    assertThat(harness.day("rep:rep-ada", TODAY)).isEqualTo(totals("10.12", 1, 0, AT));
    assertThat(harness.day("rep:rep-ben", TODAY)).isEqualTo(totals("10.14", 1, 0, AT));
    // Half-up would give 20.27, half-down 20.25; sums are over the rounded amounts.
    assertThat(harness.day("team:team-north", TODAY)).isEqualTo(totals("20.26", 2, 0, AT));
  }

  @Test
  void shouldRoundHalfEvenAfterConversion() {
    harness.fxRate("EUR", "1.08");

    // 9.375 × 1.08 = 10.1250 exactly: a tie, rounded to the even 10.12.
    harness.send(anOrder().rep(CHO).currency("EUR").amount("9.375").at(AT));

    assertThat(harness.day("rep:rep-cho", TODAY)).isEqualTo(totals("10.12", 1, 0, AT));
  }

  @Test
  void shouldRoundReportingCurrencyAmountsHalfEvenToo() {
    harness.send(
        anOrder().rep(ADA).amount("0.005").at(AT), anOrder().rep(BEN).amount("0.015").at(AT));

    assertThat(harness.day("rep:rep-ada", TODAY)).isEqualTo(totals("0.00", 1, 0, AT));
    assertThat(harness.day("rep:rep-ben", TODAY)).isEqualTo(totals("0.02", 1, 0, AT));
  }

  @Test
  void shouldUseTheLatestRate() {
    harness.fxRate("EUR", "1.08").fxRate("EUR", "1.10");

    harness.send(anOrder().currency("EUR").amount("100.00").at(AT));

    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("110.00", 1, 0, AT));
  }

  @Test
  void shouldConvertRefundAtTheRateOfItsOrder() {
    harness.fxRate("EUR", "1.08");
    OrderEventBuilder order = anOrder().currency("EUR").amount("100.00").at(AT);
    harness.send(order);
    harness.fxRate("EUR", "1.50");

    harness.send(aRefundOf(order.orderId(), "50.00").at(AT.plusSeconds(60)));

    assertThat(harness.day("company:all", TODAY))
        .isEqualTo(totals("54.00", 1, 0, AT.plusSeconds(60)));
  }

  @Test
  void shouldTakeBackExactlyWhatWasCountedWhenRefundingTheRestOfARoundedOrder() {
    harness.fxRate("EUR", "1");
    OrderEventBuilder order = anOrder().currency("EUR").amount("10.125").at(AT);
    harness.send(order);

    harness.send(
        aRefundOf(order.orderId(), "5.0625").at(AT), aRefundOf(order.orderId(), "5.0625").at(AT));

    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("0.00", 1, 0, AT));
  }
}
