package dev.salespulse.streams.topology;

import static dev.salespulse.streams.testing.ActivityEventBuilder.aCall;
import static dev.salespulse.streams.testing.ActivityEventBuilder.anActivity;
import static dev.salespulse.streams.testing.Kpis.totals;
import static dev.salespulse.streams.testing.OrderEventBuilder.anOrder;
import static dev.salespulse.streams.testing.TopologyHarness.WALL_CLOCK_START;
import static dev.salespulse.streams.testing.TopologyHarness.header;
import static dev.salespulse.streams.testing.TopologyHarness.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.salespulse.streams.events.RejectReason;
import dev.salespulse.streams.testing.Kpis;
import dev.salespulse.streams.testing.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every invalid input record lands in {@code sales.dead-letter} with its original key, value and
 * headers plus the contract's reason and source headers, is counted by reason, and does not stop
 * the counting of the valid events after it.
 */
class DeadLetterTopologyTest {
  private static final String TODAY = "2026-11-26";
  private static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");
  private static final String ORDERS = "sales.orders";
  private static final String ACTIVITIES = "sales.activities";

  private TopologyHarness harness;

  @BeforeEach
  void start() {
    harness = TopologyHarness.start();
  }

  @AfterEach
  void close() {
    harness.close();
  }

  static Stream<Arguments> invalidRecords() {
    Instant eightDaysAhead = WALL_CLOCK_START.plus(Duration.ofDays(8));
    return Stream.of(
        invalid(ORDERS, "not JSON", utf8("{\"eventId\": oops"), "malformed-json"),
        invalid(ORDERS, "a JSON array", utf8("[" + anOrder().json() + "]"), "malformed-json"),
        invalid(ORDERS, "an empty value", new byte[0], "malformed-json"),
        invalid(ORDERS, "a null value", null, "malformed-json"),
        invalid(
            ORDERS,
            "no repId on ORDER_PLACED",
            anOrder().without("repId").bytes(),
            "missing-field"),
        invalid(
            ORDERS, "amount as a boolean", anOrder().with("amount", "true").bytes(), "wrong-type"),
        invalid(ORDERS, "a negative amount", anOrder().amount("-5.00").bytes(), "negative-amount"),
        invalid(
            ORDERS, "5 fraction digits", anOrder().amount("1.12345").bytes(), "too-many-decimals"),
        invalid(ORDERS, "an unknown type", anOrder().type("ORDER_SHIPPED").bytes(), "unknown-type"),
        invalid(
            ORDERS,
            "a timestamp without offset",
            anOrder().occurredAtText("2026-11-26T14:03:22").bytes(),
            "bad-timestamp"),
        invalid(
            ORDERS, "8 days in the future", anOrder().at(eightDaysAhead).bytes(), "future-event"),
        invalid(
            ORDERS,
            "the year -300000000",
            anOrder().occurredAtText("-300000000-01-01T00:00:00Z").bytes(),
            "bad-timestamp"),
        invalid(
            ORDERS,
            "the year 10000",
            anOrder().occurredAtText("+10000-01-01T00:00:00Z").bytes(),
            "bad-timestamp"),
        invalid(
            ACTIVITIES,
            "the year -300000000",
            aCall().occurredAtText("-300000000-01-01T00:00:00Z").bytes(),
            "bad-timestamp"),
        invalid(
            ACTIVITIES, "no repId on a CALL", aCall().without("repId").bytes(), "missing-field"),
        invalid(ACTIVITIES, "an unknown activity", anActivity("LUNCH").bytes(), "unknown-type"),
        invalid(ACTIVITIES, "not JSON", utf8("CALL rep-ada"), "malformed-json"));
  }

  private static Arguments invalid(String topic, String what, byte[] value, String reason) {
    return Arguments.of(topic, what, value, reason);
  }

  @ParameterizedTest(name = "{1} on {0} → {3}")
  @MethodSource("invalidRecords")
  void shouldDeadLetterInvalidRecordWithReasonAndSourceAndKeepCounting(
      String topic, String what, byte[] value, String reason) {
    byte[] key = utf8("k-bad");
    RecordHeaders original = new RecordHeaders();
    original.add("trace-id", utf8("t-1"));

    pipe(topic, new TestRecord<>(key, value, original, WALL_CLOCK_START));
    harness.send(anOrder().amount("1250.50").at(AT));
    harness.send(aCall().at(AT));

    List<TestRecord<byte[], byte[]>> deadLetters = harness.deadLetters();
    assertThat(deadLetters).hasSize(1);
    TestRecord<byte[], byte[]> deadLetter = deadLetters.get(0);
    assertThat(deadLetter.key()).isEqualTo(key);
    assertThat(deadLetter.value()).isEqualTo(value);
    assertThat(header(deadLetter.headers(), "x-error-reason")).isEqualTo(reason);
    assertThat(header(deadLetter.headers(), "x-source-topic")).isEqualTo(topic);
    assertThat(header(deadLetter.headers(), "x-source-partition")).isEqualTo("0");
    assertThat(header(deadLetter.headers(), "x-source-offset")).isEqualTo("0");
    assertThat(header(deadLetter.headers(), "trace-id")).isEqualTo("t-1");
    assertThat(harness.rejected(rejectReason(reason))).isEqualTo(1.0);
    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("1250.50", 1, 1, AT));
  }

  /** A producer's own reason and source headers would be read first by many tools. */
  @Test
  void shouldNotCopyAnInputsOwnReasonAndSourceHeaders() {
    RecordHeaders forged = new RecordHeaders();
    forged.add("x-error-reason", utf8("spoofed"));
    forged.add("x-source-topic", utf8("fake"));
    forged.add("x-truncated", utf8("1"));
    forged.add("trace-id", utf8("t-2"));

    pipe(ORDERS, new TestRecord<>(utf8("k"), utf8("not json"), forged, WALL_CLOCK_START));

    TestRecord<byte[], byte[]> deadLetter = harness.deadLetters().get(0);
    assertThat(deadLetter.headers().headers("x-error-reason"))
        .extracting(h -> new String(h.value(), StandardCharsets.UTF_8))
        .containsExactly("malformed-json");
    assertThat(deadLetter.headers().headers("x-source-topic"))
        .extracting(h -> new String(h.value(), StandardCharsets.UTF_8))
        .containsExactly(ORDERS);
    assertThat(deadLetter.headers().headers("x-truncated")).isEmpty();
    assertThat(header(deadLetter.headers(), "trace-id")).isEqualTo("t-2");
  }

  @Test
  void shouldCountRejectsByReasonAndSourceOffsetAcrossAStreamOfMixedRecords() {
    harness.send(anOrder().amount("10.00").at(AT));
    pipe(ORDERS, record(utf8("not json")));
    harness.send(anOrder().amount("20.00").at(AT));
    pipe(ORDERS, record(utf8("[1,2]")));
    pipe(ORDERS, record(anOrder().amount("-1").bytes()));
    harness.send(anOrder().amount("30.00").at(AT));
    pipe(ACTIVITIES, record(anActivity("LUNCH").bytes()));
    harness.send(aCall().at(AT));

    assertThat(harness.deadLetters())
        .extracting(
            r -> header(r.headers(), "x-error-reason"),
            r -> header(r.headers(), "x-source-topic"),
            r -> header(r.headers(), "x-source-offset"))
        .containsExactly(
            tuple("malformed-json", ORDERS, "1"),
            tuple("malformed-json", ORDERS, "3"),
            tuple("negative-amount", ORDERS, "4"),
            tuple("unknown-type", ACTIVITIES, "0"));
    assertThat(harness.rejected(RejectReason.MALFORMED_JSON)).isEqualTo(2.0);
    assertThat(harness.rejected(RejectReason.NEGATIVE_AMOUNT)).isEqualTo(1.0);
    assertThat(harness.rejected(RejectReason.UNKNOWN_TYPE)).isEqualTo(1.0);
    assertThat(harness.rejected(RejectReason.MISSING_FIELD)).isEqualTo(0.0);
    assertThat(harness.processed(ORDERS)).isEqualTo(6.0);
    assertThat(harness.processed(ACTIVITIES)).isEqualTo(2.0);
    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("60.00", 3, 1, AT));
  }

  @Test
  void shouldAcceptAnEventUpToSevenDaysAhead() {
    Instant sevenDaysAhead = WALL_CLOCK_START.plus(Duration.ofDays(7));

    harness.send(anOrder().amount("5.00").at(sevenDaysAhead));

    assertThat(harness.deadLetters()).isEmpty();
    assertThat(harness.day("company:all", "2026-12-03"))
        .isEqualTo(totals("5.00", 1, 0, sevenDaysAhead));
  }

  @Test
  void shouldDeadLetterANumberTooLargeToReadAndKeepCounting() {
    byte[] value = anOrder().amount("1e2147483648").bytes();

    pipe(ORDERS, record(value));
    harness.send(anOrder().amount("1.00").at(AT));

    assertThat(harness.deadLetters())
        .singleElement()
        .satisfies(
            deadLetter -> {
              assertThat(deadLetter.value()).isEqualTo(value);
              assertThat(header(deadLetter.headers(), "x-error-reason"))
                  .isIn("malformed-json", "wrong-type");
            });
    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("1.00", 1, 0, AT));
  }

  @Test
  void shouldDeadLetterAnEventOlderThanEveryBucketAsTooLate() {
    Instant fourHundredOneDaysAgo = AT.minus(Duration.ofDays(401));
    harness.send(anOrder().amount("1.00").at(AT));

    harness.send(anOrder().amount("2.00").at(fourHundredOneDaysAgo));
    harness.send(anOrder().amount("4.00").at(AT));

    assertThat(harness.deadLetters())
        .extracting(r -> header(r.headers(), "x-error-reason"))
        .containsExactly("too-late");
    assertThat(harness.rejected(RejectReason.TOO_LATE)).isEqualTo(1.0);
    assertThat(harness.late()).isEqualTo(1.0);
    assertThat(harness.day("company:all", "2025-10-21")).isNull();
    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("5.00", 2, 0, AT));
  }

  @Test
  void shouldDeadLetterAFirstEventAfterStartThatIsOlderThanEveryBucketAgainstTheWallClock() {
    // Nothing counted yet (a fresh start or restart): DESIGN.md says the first events are then
    // measured against the wall clock only, not waved through.
    Instant fourHundredOneDaysAgo = WALL_CLOCK_START.minus(Duration.ofDays(401));

    harness.send(anOrder().amount("2.00").at(fourHundredOneDaysAgo));

    assertThat(harness.deadLetters())
        .extracting(r -> header(r.headers(), "x-error-reason"))
        .containsExactly("too-late");
    assertThat(harness.late()).isEqualTo(1.0);
    assertThat(harness.day("company:all", "2025-10-21")).isNull();
  }

  @Test
  void shouldCountAnEventOnTheOldestDayStillKeptEvenBeforeTheInstantFourHundredDaysBack() {
    // 400 days before AT is 2025-10-22T12:00Z. The day bucket 2025-10-22 is kept (the clean-up
    // deletes only days before it), so an event earlier on that day still has a bucket to touch
    // and is not too-late.
    Instant earlyOnTheOldestDay = Instant.parse("2025-10-22T06:00:00Z");
    Instant lateOnTheOldestDay = Instant.parse("2025-10-22T18:00:00Z");
    harness.send(anOrder().amount("1.00").at(AT));

    harness.send(
        anOrder().amount("2.00").at(earlyOnTheOldestDay),
        anOrder().amount("4.00").at(lateOnTheOldestDay));
    harness.advanceWallClock(Duration.ofHours(1));

    assertThat(harness.deadLetters()).isEmpty();
    assertThat(harness.day("company:all", "2025-10-22"))
        .isEqualTo(totals("6.00", 2, 0, lateOnTheOldestDay));
  }

  @Test
  void shouldCountAnEventOlderThanTheMinuteBucketsButYoungerThanTheDayBuckets() {
    Instant threeHundredDaysAgo = AT.minus(Duration.ofDays(300));
    harness.send(anOrder().amount("1.00").at(AT));

    harness.send(anOrder().amount("2.00").at(threeHundredDaysAgo));

    assertThat(harness.deadLetters()).isEmpty();
    assertThat(harness.day("company:all", "2026-01-30"))
        .isEqualTo(totals("2.00", 1, 0, threeHundredDaysAgo));
  }

  @Test
  void shouldDeadLetterAnAmountTooLargeForExactMinorUnitsAndKeepCounting() {
    harness.close();
    harness = TopologyHarness.start(Map.of("SALESPULSE_CURRENCY_DIGITS", "4"), WALL_CLOCK_START);

    // Within the parser's limits (under 10^15, 4 fraction digits), but 10^19 minor units at 4
    // digits do not fit the long every sum is kept in, and Money.MAX_MINOR keeps sums safe.
    harness.send(anOrder().amount("999999999999999.9999").at(AT));
    harness.send(anOrder().amount("1.00").at(AT));

    assertThat(harness.deadLetters())
        .extracting(r -> header(r.headers(), "x-error-reason"))
        .containsExactly("amount-too-large");
    assertThat(harness.day("company:all", TODAY))
        .isEqualTo(new Kpis.Slice(1_0000, 1, 0, AT.toEpochMilli()));
  }

  @Test
  void shouldDeadLetterAnOrderWhoseUnitsDoNotFitAndKeepCounting() {
    // Each quantity is a valid whole number, but their sum overflows the long that units are
    // summed in: the event must be rejected, not crash the stream thread.
    byte[] value =
        anOrder()
            .amount("0")
            .with(
                "lines",
                "[{\"category\":\"hardware\",\"quantity\":9223372036854775807,\"unitPrice\":0},"
                    + "{\"category\":\"hardware\",\"quantity\":1,\"unitPrice\":0}]")
            .bytes();

    pipe(ORDERS, record(value));
    harness.send(anOrder().amount("1.00").at(AT));

    assertThat(harness.deadLetters())
        .singleElement()
        .satisfies(
            deadLetter ->
                assertThat(header(deadLetter.headers(), "x-error-reason"))
                    .isIn("wrong-type", "amount-too-large"));
    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("1.00", 1, 0, AT));
  }

  @Test
  void shouldDeadLetterAnOrderWhoseCategoryTotalIsTooLargeForExactMinorUnitsAndKeepCounting() {
    // Each line is 10^13 USD = 10^15 minor units, the most one event may count, and the order's
    // amount is small; but the 1,000 lines of one category add up to 10^18 for that category.
    // Ten such orders overflow the category's long sums: each must be rejected like any amount
    // beyond Money.MAX_MINOR, not crash the stream thread.
    String line = "{\"category\":\"hardware\",\"quantity\":1,\"unitPrice\":10000000000000}";
    String lines = "[" + String.join(",", Collections.nCopies(1_000, line)) + "]";
    for (int i = 0; i < 10; i++) {
      pipe(ORDERS, record(anOrder().amount("1.00").with("lines", lines).bytes()));
    }
    harness.send(anOrder().amount("1.00").at(AT));

    assertThat(harness.deadLetters())
        .extracting(r -> header(r.headers(), "x-error-reason"))
        .containsExactly(Collections.nCopies(10, "amount-too-large").toArray(String[]::new));
    assertThat(harness.dayTotals("category:hardware", TODAY)).isNull();
    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("1.00", 1, 0, AT));
  }

  private void pipe(String topic, TestRecord<byte[], byte[]> record) {
    if (topic.equals(ORDERS)) {
      harness.sendRawOrder(record);
    } else {
      harness.sendRawActivity(record);
    }
  }

  private static TestRecord<byte[], byte[]> record(byte[] value) {
    return new TestRecord<>(utf8("k"), value, new RecordHeaders(), AT);
  }

  private static RejectReason rejectReason(String code) {
    return Stream.of(RejectReason.values())
        .filter(r -> r.code().equals(code))
        .findFirst()
        .orElseThrow();
  }
}
