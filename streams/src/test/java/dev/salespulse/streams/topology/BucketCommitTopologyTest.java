package dev.salespulse.streams.topology;

import static dev.salespulse.streams.testing.Kpis.totals;
import static dev.salespulse.streams.testing.OrderEventBuilder.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.stores.KpiTotalsSerde;
import dev.salespulse.streams.stores.StoreNames;
import dev.salespulse.streams.testing.Kpis;
import dev.salespulse.streams.testing.TopologyHarness;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.junit.jupiter.api.Test;

/**
 * With the production record cache the buckets hold what a backlog changed in memory and put it
 * once per commit ({@code PendingBuckets}); a trickle's deltas are put at once. The driver commits
 * after every input, so each bucket must be in its store, and in its changelog, by then. Events
 * sent one at a time reach the buckets as a trickle; a backlog's deltas are sent to the buckets
 * directly.
 */
class BucketCommitTopologyTest {
  private static final String TODAY = "2026-11-26";
  private static final Instant AT = Instant.parse("2026-11-26T12:00:30Z");
  private static final Instant MINUTE = Instant.parse("2026-11-26T12:00:00Z");

  @Test
  void theBucketsOfAnEventAreStoredByTheCommitOfTheEvent() {
    try (TopologyHarness cached = TopologyHarness.startWithProductionCache()) {
      cached.send(anOrder().eventId("e-1").amount("125.50").at(AT));

      assertStored(cached, totals("125.50", 1, 0, AT), 12_550L);

      // Read back from the stores, not from memory: the commit emptied what was pending.
      Instant later = AT.plusSeconds(10);
      cached.send(anOrder().eventId("e-2").amount("10.00").at(later));

      assertStored(cached, totals("135.50", 2, 0, later), 13_550L);
    }
  }

  /**
   * Deltas of a backlog (not marked as a trickle's) wait in memory and are put by the commit of
   * their input; a trickle's, put at once, adds to what is pending for its bucket.
   */
  @Test
  void aBacklogsDeltasArePutByTheCommitOfTheirInput() {
    try (TopologyHarness cached = TopologyHarness.startWithProductionCache()) {
      cached.sendDelta("company:all", KpiTotals.placedOrder(12_550, 1, AT.toEpochMilli()), false);

      assertStored(cached, totals("125.50", 1, 0, AT), 12_550L);

      Instant later = AT.plusSeconds(10);
      cached.sendDelta("company:all", KpiTotals.placedOrder(1_000, 1, later.toEpochMilli()), true);
      cached.sendDelta("company:all", KpiTotals.placedOrder(1, 1, later.toEpochMilli()), false);

      assertStored(cached, totals("135.51", 3, 0, later), 13_551L);
    }
  }

  private static void assertStored(TopologyHarness cached, Kpis.Slice expected, long gross) {
    assertThat(cached.day("company:all", TODAY)).isEqualTo(expected);
    assertThat(cached.minute("company:all", MINUTE)).isEqualTo(expected);
    List<KpiTotals> days =
        cached.changelogValues(StoreNames.KPI_DAY, KpiTotalsSerde.serde().deserializer());
    assertThat(days)
        .as("the day changelog of the same commit, what a restore rebuilds the store from")
        .contains(cached.dayTotals("company:all", TODAY));
    List<KpiTotals> minutes =
        cached.changelogValues(StoreNames.KPI_MINUTE, KpiTotalsSerde.serde().deserializer());
    assertThat(minutes).contains(cached.minuteTotals("company:all", MINUTE));
    assertThat(cached.changelogValues(StoreNames.REVENUE_PROFILE, new LongDeserializer()))
        .contains(gross);
  }
}
