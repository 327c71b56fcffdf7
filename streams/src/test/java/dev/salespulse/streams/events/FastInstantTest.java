package dev.salespulse.streams.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The fast path answers only where the ISO formatter would, and with the same instant. */
class FastInstantTest {
  private static final long YEAR_0 = OffsetDateTime.parse("0000-01-01T00:00:00Z").toEpochSecond();
  private static final long YEAR_10000 =
      OffsetDateTime.parse("9999-12-31T23:59:59Z").toEpochSecond();

  @Property(tries = 2000)
  void agreesWithTheIsoFormatterOnTheCommonForm(
      @ForAll @LongRange(min = -62_167_219_200L, max = 253_402_300_799L) long epochSecond,
      @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
      @ForAll @IntRange(min = 0, max = 9) int fractionDigits) {
    String text = commonForm(epochSecond, nanos, fractionDigits);

    assertThat(FastInstant.parseUtc(text)).isEqualTo(iso(text)).isNotNull();
  }

  @Property(tries = 5000)
  void answersNothingTheIsoFormatterWouldRejectOrReadOtherwise(
      @ForAll("nearlyCommonForms") String text) {
    Instant fast = FastInstant.parseUtc(text);
    Instant iso = iso(text);

    if (fast != null) {
      assertThat(fast).isEqualTo(iso);
    }
  }

  @Test
  void leavesOtherValidFormsToTheFormatter() {
    assertThat(FastInstant.parseUtc("2026-11-26T15:03:22+01:00")).isNull();
    assertThat(FastInstant.parseUtc("2026-11-26t14:03:22Z")).isNull();
    assertThat(FastInstant.parseUtc("2026-11-26T14:03Z")).isNull();
    assertThat(FastInstant.parseUtc("+12026-11-26T14:03:22Z")).isNull();
  }

  @Test
  void leavesImpossibleDatesAndTimesToTheFormatterToReject() {
    assertThat(FastInstant.parseUtc("2026-02-29T10:00:00Z")).isNull();
    assertThat(FastInstant.parseUtc("2026-13-01T10:00:00Z")).isNull();
    assertThat(FastInstant.parseUtc("2026-11-26T24:00:00Z")).isNull();
    assertThat(FastInstant.parseUtc("2026-11-26T23:60:00Z")).isNull();
    assertThat(FastInstant.parseUtc("2026-11-26T23:59:60Z")).isNull();
    assertThat(FastInstant.parseUtc("2026-11-26T23:59:59.Z")).isNull();
    assertThat(FastInstant.parseUtc("2026-11-26T23:59:59.1234567890Z")).isNull();
    assertThat(FastInstant.parseUtc("2026-11-2６T23:59:59Z")).isNull();
  }

  @Test
  void readsLeapDaysAndFractions() {
    assertThat(FastInstant.parseUtc("2028-02-29T23:59:59.5Z"))
        .isEqualTo(Instant.parse("2028-02-29T23:59:59.500Z"));
    assertThat(FastInstant.parseUtc("1970-01-01T00:00:00.000000001Z"))
        .isEqualTo(Instant.ofEpochSecond(0, 1));
  }

  @Provide
  Arbitrary<String> nearlyCommonForms() {
    Arbitrary<String> valid =
        Combinators.combine(
                Arbitraries.longs().between(YEAR_0, YEAR_10000),
                Arbitraries.integers().between(0, 999_999_999),
                Arbitraries.integers().between(0, 9))
            .as(FastInstantTest::commonForm);
    Arbitrary<Character> noise =
        Arbitraries.of('0', '9', '2', '3', '6', '-', ':', '.', 'T', 'Z', 'z', '+', ' ');
    return Combinators.combine(valid, Arbitraries.integers().between(0, 31), noise)
        .as(
            (text, at, c) -> {
              StringBuilder mutated = new StringBuilder(text);
              if (at < mutated.length()) {
                mutated.setCharAt(at, c);
              } else {
                mutated.append(c);
              }
              return mutated.toString();
            });
  }

  private static String commonForm(long epochSecond, int nanos, int fractionDigits) {
    OffsetDateTime time = Instant.ofEpochSecond(epochSecond, nanos).atOffset(ZoneOffset.UTC);
    String fraction =
        fractionDigits == 0 ? "" : "." + String.format("%09d", nanos).substring(0, fractionDigits);
    return time.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")) + fraction + "Z";
  }

  private static Instant iso(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
