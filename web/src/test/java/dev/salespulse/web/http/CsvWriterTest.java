package dev.salespulse.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

  @Test
  void shouldPrefixTextThatASpreadsheetWouldTakeForAFormula() {
    String csv =
        new CsvWriter()
            .row("=1+2", "+1", "-1", "@SUM(A1)", "\tTab", "\rCR", "Ada", "a=b", "")
            .toString();

    assertThat(csv).isEqualTo("'=1+2,'+1,'-1,'@SUM(A1),'\tTab,\"'\rCR\",Ada,a=b,\r\n");
  }

  @Test
  void shouldLeaveNegativeNumbersAlone() {
    String csv =
        new CsvWriter().row(new BigDecimal("-12.50"), -3L, -1, new BigDecimal("0.0000")).toString();

    assertThat(csv).isEqualTo("-12.50,-3,-1,0.0000\r\n");
  }

  @Test
  void shouldQuoteFieldsWithCommasQuotesAndLineBreaksOnly() {
    String csv =
        new CsvWriter()
            .row("Okafor, Ben", "Dee \"The Closer\"", "two\nlines", "cr\rlf", "Ada Park")
            .toString();

    assertThat(csv)
        .isEqualTo(
            "\"Okafor, Ben\",\"Dee \"\"The Closer\"\"\",\"two\nlines\",\"cr\rlf\",Ada Park\r\n");
  }

  @Test
  void shouldWriteDecimalsPlainInstantsIsoAndNullsEmpty() {
    String csv =
        new CsvWriter()
            .row(
                new BigDecimal("1E+3"),
                new BigDecimal("0.00001"),
                null,
                Instant.parse("2026-11-26T09:00:00Z"),
                true)
            .toString();

    assertThat(csv).isEqualTo("1000,0.00001,,2026-11-26T09:00:00Z,true\r\n");
  }

  @Test
  void shouldRefuseABinaryFloatingPointNumber() {
    assertThatThrownBy(() -> new CsvWriter().field(0.1d))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Double");
  }
}
