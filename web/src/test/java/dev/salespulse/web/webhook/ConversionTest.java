package dev.salespulse.web.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Numbers of a payload stay within a few dozen digits, however they are written. */
class ConversionTest {

  @Test
  void shouldRefuseNumbersOfTooManyDigitsBeforeWritingOrAddingThem() {
    for (String number : new String[] {"1e999999999", "-1e-999999999", "1" + "0".repeat(41)}) {
      assertThatThrownBy(
              () -> Conversion.decimal(DecimalNode.valueOf(new BigDecimal(number)), "amount"))
          .as(number)
          .isInstanceOf(MappingException.class)
          .hasMessageEndingWith("has too many digits");
      assertThatThrownBy(() -> Conversion.text(DecimalNode.valueOf(new BigDecimal(number))))
          .as(number)
          .isInstanceOf(MappingException.class);
    }
    assertThatThrownBy(() -> Conversion.decimal(TextNode.valueOf("1e999999999"), "amount"))
        .isInstanceOf(MappingException.class);
  }

  @Test
  void shouldKeepOrdinaryNumbersExact() {
    assertThat(Conversion.decimal(TextNode.valueOf(" 1250.50 "), "amount")).isEqualTo("1250.50");
    assertThat(Conversion.text(DecimalNode.valueOf(new BigDecimal("1E+3")))).isEqualTo("1000");
  }
}
