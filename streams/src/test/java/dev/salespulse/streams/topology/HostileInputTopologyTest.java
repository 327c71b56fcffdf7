package dev.salespulse.streams.topology;

import static dev.salespulse.streams.testing.Kpis.totals;
import static dev.salespulse.streams.testing.OrderEventBuilder.anOrder;
import static dev.salespulse.streams.testing.TopologyHarness.header;
import static dev.salespulse.streams.testing.TopologyHarness.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.testing.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Records a careless or hostile producer can write that are valid Kafka records but would make the
 * ingest slow, large or crash: each goes to the dead-letter topic with a reason, quickly, and the
 * events after it still count.
 */
class HostileInputTopologyTest {
  private static final String TODAY = "2026-11-26";
  private static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");

  private final TopologyHarness harness = TopologyHarness.start();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void shouldDeadLetterAValueOverOneMebibyteWithoutReadingIt() {
    String padding = " ".repeat(1024 * 1024);
    byte[] value = utf8(anOrder().at(AT).json() + padding);

    assertThat(reasonFor(value)).isEqualTo("value-too-large");
  }

  @Test
  void shouldReadAValueOfExactlyOneMebibyte() {
    String json = anOrder().amount("1.00").at(AT).json();
    byte[] value = utf8(json + " ".repeat(1024 * 1024 - json.length()));

    harness.sendRawOrder(record(value));

    assertThat(harness.deadLetters()).isEmpty();
    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("1.00", 1, 0, AT));
  }

  @Test
  void shouldDeadLetterAnAmountWrittenWithAHundredThousandDigits() {
    // Reading it as a decimal takes the better part of a second; a million digits took 17 s.
    String digits = "1." + "0".repeat(100_000);

    assertThat(reasonFor(anOrder().amountAsText(digits).at(AT).bytes())).isEqualTo("wrong-type");
  }

  @Test
  void shouldDeadLetterAnOrderOverTheCategoryLimitAndCountOneAtIt() {
    assertThat(reasonFor(anOrder().with("lines", lines(101)).at(AT).bytes()))
        .isEqualTo("too-many-categories");

    harness.send(anOrder().amount("3.00").with("lines", lines(100)).at(AT));

    assertThat(harness.deadLetters()).isEmpty();
    assertThat(harness.day("category:c-100", TODAY)).isEqualTo(totals("1.00", 1, 0, AT));
  }

  @Test
  void shouldDeadLetterBytesThatAreNotUtf8() {
    byte[] value = utf8(anOrder().repId("rep-\u00e9").at(AT).json());
    int accent = indexOf(value, (byte) 0xc3);
    value[accent] = (byte) 0xff;

    assertThat(reasonFor(value)).isEqualTo("malformed-json");
  }

  @Test
  void shouldDeadLetterJsonNestedTenThousandDeep() {
    String nested = "[".repeat(10_000) + "]".repeat(10_000);

    assertThat(reasonFor(anOrder().with("note", nested).at(AT).bytes()))
        .isEqualTo("malformed-json");
  }

  @Test
  void shouldCutADeadLetterToWhatTheProducerCanSendAndSaySo() {
    // A small compressed batch can hold a value far larger than max.request.size (1 MiB by
    // default), which the dead letter, a copy of the value, could then not be sent with.
    byte[] value = new byte[5 * 1024 * 1024];
    Arrays.fill(value, (byte) 'x');
    byte[] key = new byte[600 * 1024];
    Arrays.fill(key, (byte) 'k');
    RecordHeaders headers = new RecordHeaders();
    headers.add("trace-id", utf8("t-1"));

    harness.sendRawOrder(new TestRecord<>(key, value, headers, AT));

    assertThat(harness.deadLetters())
        .singleElement()
        .satisfies(
            deadLetter -> {
              assertThat(header(deadLetter.headers(), "x-error-reason"))
                  .isEqualTo("value-too-large");
              assertThat(header(deadLetter.headers(), "x-truncated"))
                  .isEqualTo(Integer.toString(value.length));
              assertThat(header(deadLetter.headers(), "x-truncated-key"))
                  .isEqualTo(Integer.toString(key.length));
              assertThat(header(deadLetter.headers(), "trace-id")).isEqualTo("t-1");
              assertThat(deadLetter.key().length + deadLetter.value().length)
                  .isLessThan(1024 * 1024 - 64 * 1024);
              assertThat(deadLetter.value()).isNotEmpty();
              assertThat(value).startsWith(deadLetter.value());
              assertThat(key).startsWith(deadLetter.key());
            });
  }

  @Test
  void shouldLeaveADeadLetterThatFitsWhole() {
    byte[] value = utf8("x".repeat(512 * 1024));

    harness.sendRawOrder(record(value));

    assertThat(harness.deadLetters())
        .singleElement()
        .satisfies(
            deadLetter -> {
              assertThat(deadLetter.value()).isEqualTo(value);
              assertThat(header(deadLetter.headers(), "x-truncated")).isNull();
            });
  }

  /**
   * Sends the record, then a valid order: the record must be the only dead letter and the order
   * must count.
   */
  private String reasonFor(byte[] value) {
    harness.sendRawOrder(record(value));
    harness.send(anOrder().amount("1.00").at(AT));

    var deadLetters = harness.deadLetters();
    assertThat(deadLetters).hasSize(1);
    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("1.00", 1, 0, AT));
    return header(deadLetters.get(0).headers(), "x-error-reason");
  }

  /** One line of 1.00 in each of the categories c-1 … c-n. */
  private static String lines(int categories) {
    return IntStream.rangeClosed(1, categories)
        .mapToObj(i -> "{\"category\":\"c-" + i + "\",\"quantity\":1,\"unitPrice\":1}")
        .collect(Collectors.joining(",", "[", "]"));
  }

  private static int indexOf(byte[] bytes, byte wanted) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "no such byte in " + new String(bytes, StandardCharsets.UTF_8) + Arrays.toString(bytes));
  }

  private static TestRecord<byte[], byte[]> record(byte[] value) {
    return new TestRecord<>(utf8("k"), value, new RecordHeaders(), AT);
  }
}
