package dev.salespulse.streams.topology;

import static dev.salespulse.streams.testing.ActivityEventBuilder.aCall;
import static dev.salespulse.streams.testing.Kpis.totals;
import static dev.salespulse.streams.testing.OrderEventBuilder.aRefundOf;
import static dev.salespulse.streams.testing.OrderEventBuilder.anOrder;
import static dev.salespulse.streams.testing.TopologyHarness.header;
import static dev.salespulse.streams.testing.TopologyHarness.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.events.RejectReason;
import dev.salespulse.streams.testing.ActivityEventBuilder;
import dev.salespulse.streams.testing.OrderEventBuilder;
import dev.salespulse.streams.testing.TopologyHarness;
import java.time.Instant;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A record outside the partition of its orderId or repId (no key, another key) goes round once
 * through the rekeyed topic and is counted there: the driver reads every input from partition 0 of
 * topics that have four, so an id of another partition takes that way, one of partition 0 does not.
 */
class MisplacedRecordsTopologyTest {
  private static final String TODAY = "2026-11-26";
  private static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");
  private static final int PARTITIONS = 4;

  private TopologyHarness harness;

  @BeforeEach
  void start() {
    harness = TopologyHarness.start();
    assertThat(harness.config().kafka().topicPartitions()).isEqualTo(PARTITIONS);
  }

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void anOrderWithoutKeyIsCountedOnceAndItsRetryUnderItsKeyIsADuplicate() {
    OrderEventBuilder order =
        anOrder().eventId("e-1").orderId(idOfPartition("o-", 2)).amount("80.25").at(AT);

    harness.sendRawOrder(new TestRecord<>(null, order.bytes(), AT));
    harness.sendRawOrder(new TestRecord<>(utf8("some-other-key"), order.bytes(), AT));
    harness.send(order);

    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("80.25", 1, 0, AT));
    assertThat(rekeyed()).isEqualTo(3.0);
    assertThat(harness.duplicates()).isEqualTo(2.0);
    assertThat(harness.processed("sales.orders"))
        .as("each input record once, not again when read back from the rekeyed topic")
        .isEqualTo(3.0);
    assertThat(harness.deadLetters()).isEmpty();
  }

  @Test
  void aRefundUnderAnotherKeyFindsItsOrder() {
    String orderId = idOfPartition("o-", 3);
    harness.send(anOrder().eventId("e-1").orderId(orderId).amount("100.00").at(AT));
    OrderEventBuilder refund = aRefundOf(orderId, "30.00").eventId("e-2").at(AT);

    harness.sendRawOrder(new TestRecord<>(utf8("refunds"), refund.bytes(), AT));

    assertThat(harness.day("company:all", TODAY).revenueMinor()).isEqualTo(7000);
    assertThat(harness.deadLetters()).isEmpty();
  }

  @Test
  void aRecordAlreadyInItsPartitionIsNotMoved() {
    harness.sendRawOrder(
        new TestRecord<>(
            utf8("any-key"),
            anOrder().eventId("e-1").orderId(idOfPartition("o-", 0)).at(AT).bytes(),
            AT));

    assertThat(rekeyed()).isZero();
    assertThat(harness.day("company:all", TODAY).orders()).isEqualTo(1);
  }

  @Test
  void anActivityWithoutKeyIsCountedOnce() {
    ActivityEventBuilder call = aCall().eventId("a-1").repId(idOfPartition("rep-", 1)).at(AT);

    harness.sendRawActivity(new TestRecord<>(null, call.bytes(), AT));
    harness.send(call);

    assertThat(harness.day("company:all", TODAY).calls()).isEqualTo(1);
    assertThat(rekeyed()).isEqualTo(2.0);
    assertThat(harness.duplicates()).isEqualTo(1.0);
    assertThat(harness.processed("sales.activities")).isEqualTo(2.0);
  }

  /**
   * A moved record rejected where it belongs is dead-lettered as it was sent: its own key, the
   * topic, partition and offset it was read from, not a forged source header of its producer's, and
   * none of the headers that carried these.
   */
  @Test
  void aMovedRecordsDeadLetterNamesWhereItWasSent() {
    harness.send(anOrder().eventId("e-0").orderId("o-other").at(AT));
    OrderEventBuilder refund = aRefundOf(idOfPartition("o-", 1), "5.00").eventId("e-9").at(AT);
    RecordHeaders headers = new RecordHeaders();
    headers.add("x-source-topic", utf8("forged"));
    headers.add("trace-id", utf8("t-1"));

    harness.sendRawOrder(new TestRecord<>(utf8("wrong-key"), refund.bytes(), headers, AT));

    TestRecord<byte[], byte[]> deadLetter = harness.deadLetters().get(0);
    assertThat(deadLetter.key()).isEqualTo(utf8("wrong-key"));
    assertThat(deadLetter.value()).isEqualTo(refund.bytes());
    assertThat(header(deadLetter.headers(), "x-error-reason"))
        .isEqualTo(RejectReason.UNKNOWN_ORDER.code());
    assertThat(deadLetter.headers().headers("x-source-topic")).hasSize(1);
    assertThat(header(deadLetter.headers(), "x-source-topic")).isEqualTo("sales.orders");
    assertThat(header(deadLetter.headers(), "x-source-partition")).isEqualTo("0");
    assertThat(header(deadLetter.headers(), "x-source-offset")).isEqualTo("1");
    assertThat(deadLetter.headers().lastHeader("x-source-key")).isNull();
    assertThat(header(deadLetter.headers(), "trace-id")).isEqualTo("t-1");
  }

  @Test
  void aMovedRecordWithoutKeyIsDeadLetteredWithoutKey() {
    OrderEventBuilder refund = aRefundOf(idOfPartition("o-", 2), "5.00").eventId("e-9").at(AT);

    harness.sendRawOrder(new TestRecord<>(null, refund.bytes(), AT));

    TestRecord<byte[], byte[]> deadLetter = harness.deadLetters().get(0);
    assertThat(deadLetter.key()).isNull();
    assertThat(header(deadLetter.headers(), "x-source-offset")).isEqualTo("0");
  }

  /**
   * A record larger than a producer may send (read from a compressed batch) would fail the
   * transaction it was moved in: it is counted where it is.
   */
  @Test
  void aRecordTooLargeToMoveIsCountedWhereItIs() {
    try (TopologyHarness small =
        TopologyHarness.start(
            Map.of("SALESPULSE_KAFKA_MAX_REQUEST_SIZE", "4096"),
            TopologyHarness.WALL_CLOCK_START)) {
      OrderEventBuilder order = paddedOrder(idOfPartition("o-", 3), 3_000);

      small.sendRawOrder(new TestRecord<>(null, order.bytes(), AT));

      assertThat(small.day("company:all", TODAY)).isEqualTo(totals("10.00", 1, 0, AT));
      assertThat(small.rekeyed()).isZero();
      assertThat(small.deadLetters()).isEmpty();
    }
  }

  /**
   * A dead-letter topic and producer allowed more than Kafka's defaults do not let a record move
   * that the rekeyed topic, made with the brokers' default limit, would refuse: that would fail the
   * transaction at every replay. It is counted where it is.
   */
  @Test
  void aRecordOverKafkasDefaultLimitIsCountedWhereItIsWhateverTheDeadLetterLimits() {
    try (TopologyHarness large =
        TopologyHarness.start(
            Map.of(
                "SALESPULSE_KAFKA_MAX_REQUEST_SIZE", Integer.toString(8 << 20),
                "SALESPULSE_KAFKA_SALESPULSE_DEAD_LETTER_MAX_MESSAGE_BYTES",
                    Integer.toString(8 << 20)),
            TopologyHarness.WALL_CLOCK_START)) {
      OrderEventBuilder order = paddedOrder(idOfPartition("o-", 1), 1_000_000);
      OrderEventBuilder small =
          anOrder().eventId("e-2").orderId(idOfPartition("o-", 2)).amount("1.00").at(AT);

      large.sendRawOrder(new TestRecord<>(null, order.bytes(), AT));
      large.sendRawOrder(new TestRecord<>(null, small.bytes(), AT));

      assertThat(large.day("company:all", TODAY)).isEqualTo(totals("11.00", 2, 0, AT));
      assertThat(large.rekeyed()).as("the small one only").isEqualTo(1.0);
    }
  }

  /** An order of 10.00 with a note of {@code padding} characters (unknown fields are ignored). */
  private static OrderEventBuilder paddedOrder(String orderId, int padding) {
    return anOrder()
        .eventId("e-1")
        .orderId(orderId)
        .amount("10.00")
        .at(AT)
        .with("note", "\"" + "x".repeat(padding) + "\"");
  }

  private double rekeyed() {
    return harness.rekeyed();
  }

  /** The first id of this prefix that Kafka's default partitioner puts in that partition. */
  private static String idOfPartition(String prefix, int partition) {
    return IntStream.range(0, 1_000)
        .mapToObj(i -> prefix + i)
        .filter(id -> Placement.partitionOf(id, PARTITIONS) == partition)
        .findFirst()
        .orElseThrow();
  }
}
