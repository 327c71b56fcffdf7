package dev.salespulse.streams.topology;

import static dev.salespulse.streams.testing.ActivityEventBuilder.aCall;
import static dev.salespulse.streams.testing.Kpis.totals;
import static dev.salespulse.streams.testing.OrderEventBuilder.anOrder;
import static dev.salespulse.streams.testing.TopologyHarness.WALL_CLOCK_START;
import static dev.salespulse.streams.testing.TopologyHarness.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.testing.TopologyHarness;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every record the topology writes is stamped with the wall clock of its processing, never with an
 * event's own time: brokers refuse a record stamped more than {@code
 * message.timestamp.after.max.ms} (one hour by default) ahead of their clock, and the contract
 * accepts events up to seven days ahead. The event time travels in the values. A dead letter takes
 * the wall clock at which its input was read.
 */
class OutputTimestampsTopologyTest {
  private static final Instant TWO_HOURS_AHEAD = WALL_CLOCK_START.plus(Duration.ofHours(2));
  private static final Instant FAR_FUTURE = Instant.parse("2100-01-01T00:00:00Z");

  private final TopologyHarness harness =
      TopologyHarness.start(Map.of("SALESPULSE_FEED_LARGE_DEAL", "1000"), WALL_CLOCK_START);

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void shouldStampFeedAndKpiChangesOfAnEventAheadOfTheClockWithTheWallClock() {
    harness.send(anOrder().amount("5000.00").customer("c-1").at(TWO_HOURS_AHEAD));
    harness.send(aCall().at(TWO_HOURS_AHEAD));
    harness.advanceWallClock(BucketProcessor.PUBLISH_INTERVAL);

    List<TestRecord<String, String>> outputs = new ArrayList<>(harness.feed());
    outputs.addAll(harness.kpiChanges());

    assertThat(outputs).isNotEmpty();
    assertThat(outputs)
        .allSatisfy(
            output -> assertThat(output.getRecordTime()).isBetween(WALL_CLOCK_START, soon()));
    assertThat(harness.day("company:all", "2026-11-26"))
        .isEqualTo(totals("5000.00", 1, 1, TWO_HOURS_AHEAD));
  }

  @Test
  void shouldStampTheDeadLettersOfRecordsStampedFarAheadOrBehindWithTheWallClock() {
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    harness.sendRawOrder(
        new TestRecord<>(utf8("k-1"), utf8("not json"), new RecordHeaders(), FAR_FUTURE));
    harness.sendRawOrder(
        new TestRecord<>(utf8("k-2"), utf8("not json"), new RecordHeaders(), Instant.EPOCH));

    // Input timestamps are set to the process's wall clock as records are read, before the
    // topology sees them: the harness's clock is not the one used there.
    Instant after = Instant.now();
    assertThat(harness.deadLetters())
        .hasSize(2)
        .allSatisfy(deadLetter -> assertThat(deadLetter.getRecordTime()).isBetween(before, after));
  }

  /** Later than anything the harness's wall clock reached in these tests. */
  private static Instant soon() {
    return WALL_CLOCK_START.plus(Duration.ofMinutes(1));
  }
}
