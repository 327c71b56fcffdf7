package dev.salespulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.stores.KpiTotalsSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;

/** Changed buckets wait in memory until {@code write()}, and add up with what is stored. */
class PendingBucketsTest {
  private static final long MINUTE = Instant.parse("2026-11-26T12:00:00Z").toEpochMilli();
  private static final String DAY = "2026-11-26|company:all";

  private final MockProcessorContext<String, String> context =
      new MockProcessorContext<>(new Properties());
  private final WindowStore<String, KpiTotals> minutes =
      window("minutes", Duration.ofMinutes(1), KpiTotalsSerde.serde());
  private final WindowStore<String, Long> profile =
      window("profile", Duration.ofMinutes(15), Serdes.Long());
  private final KeyValueStore<String, KpiTotals> days = days();
  private final PendingBuckets pending = new PendingBuckets(minutes, days, profile);

  @Test
  void changesReachTheStoresOnlyWhenWritten() {
    pending.addToMinute("company:all", MINUTE, order(10_000), false);
    pending.addToDay(DAY, order(10_000), false);
    pending.addToProfile("company:all", MINUTE, 10_000, false);

    assertThat(minutes.fetch("company:all", MINUTE)).isNull();
    assertThat(days.get(DAY)).isNull();
    assertThat(profile.fetch("company:all", MINUTE)).isNull();
    assertThat(pending.day(DAY).revenueMinor()).isEqualTo(10_000);

    writeAll();

    assertThat(minutes.fetch("company:all", MINUTE).revenueMinor()).isEqualTo(10_000);
    assertThat(days.get(DAY).revenueMinor()).isEqualTo(10_000);
    assertThat(profile.fetch("company:all", MINUTE)).isEqualTo(10_000L);
  }

  @Test
  void aChangeAfterAWriteAddsToWhatIsStored() {
    pending.addToMinute("company:all", MINUTE, order(10_000), false);
    pending.addToDay(DAY, order(10_000), false);
    pending.addToProfile("company:all", MINUTE, 10_000, false);
    writeAll();

    pending.addToMinute("company:all", MINUTE, order(2_550), false);
    pending.addToMinute("company:all", MINUTE, order(1), false);
    pending.addToDay(DAY, order(2_550), false);
    pending.addToProfile("company:all", MINUTE, 2_550, false);
    writeAll();

    assertThat(minutes.fetch("company:all", MINUTE).revenueMinor()).isEqualTo(12_551);
    assertThat(minutes.fetch("company:all", MINUTE).orders()).isEqualTo(3);
    assertThat(days.get(DAY).revenueMinor()).isEqualTo(12_550);
    assertThat(profile.fetch("company:all", MINUTE)).isEqualTo(12_550L);
  }

  @Test
  void aBucketPutAtOnceAddsWhatWasPendingAndIsNotPutAgain() {
    pending.addToDay(DAY, order(10_000), false);
    pending.addToMinute("company:all", MINUTE, order(10_000), false);
    pending.addToProfile("company:all", MINUTE, 10_000, false);

    pending.addToDay(DAY, order(2_550), true);
    pending.addToMinute("company:all", MINUTE, order(2_550), true);
    pending.addToProfile("company:all", MINUTE, 2_550, true);

    assertThat(days.get(DAY).revenueMinor()).isEqualTo(12_550);
    assertThat(minutes.fetch("company:all", MINUTE).revenueMinor()).isEqualTo(12_550);
    assertThat(profile.fetch("company:all", MINUTE)).isEqualTo(12_550L);
    days.put(DAY, order(1));
    writeAll();
    assertThat(days.get(DAY).revenueMinor()).as("nothing left pending").isEqualTo(1);
  }

  @Test
  void aWriteWithNothingPendingPutsNothing() {
    pending.addToDay(DAY, order(10_000), false);
    writeAll();
    days.put(DAY, order(1));

    writeAll();

    assertThat(days.get(DAY).revenueMinor()).as("not put again from memory").isEqualTo(1);
  }

  /**
   * Within one commit of a backlog the newest event can move on by days: a minute or profile bucket
   * that fell out of its retention meanwhile is not put (a window store whose segment is gone logs
   * each such put as skipped); day buckets are kept far longer and always put.
   */
  @Test
  void aBucketOutOfItsRetentionByTheWriteIsNotPut() {
    long hourAgo = MINUTE - Duration.ofHours(1).toMillis();
    pending.addToMinute("company:all", hourAgo, order(1_000), false);
    pending.addToMinute("company:all", MINUTE, order(2_000), false);
    pending.addToProfile("company:all", hourAgo, 1_000, false);
    pending.addToProfile("company:all", MINUTE, 2_000, false);
    pending.addToDay(DAY, order(3_000), false);

    pending.write(hourAgo, MINUTE);

    assertThat(minutes.fetch("company:all", hourAgo)).isNull();
    assertThat(minutes.fetch("company:all", MINUTE).revenueMinor()).isEqualTo(2_000);
    assertThat(profile.fetch("company:all", hourAgo)).isNull();
    assertThat(profile.fetch("company:all", MINUTE)).isNull();
    assertThat(days.get(DAY).revenueMinor()).isEqualTo(3_000);
    writeAll();
    assertThat(minutes.fetch("company:all", hourAgo)).as("forgotten, not kept pending").isNull();
  }

  private void writeAll() {
    pending.write(Long.MIN_VALUE, Long.MIN_VALUE);
  }

  private static KpiTotals order(long minor) {
    return KpiTotals.placedOrder(minor, 1, MINUTE);
  }

  private <V> WindowStore<String, V> window(String name, Duration size, Serde<V> values) {
    WindowStore<String, V> store =
        Stores.windowStoreBuilder(
                Stores.inMemoryWindowStore(name, Duration.ofDays(3), size, false),
                Serdes.String(),
                values)
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    return store;
  }

  private KeyValueStore<String, KpiTotals> days() {
    KeyValueStore<String, KpiTotals> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("days"), Serdes.String(), KpiTotalsSerde.serde())
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    return store;
  }
}
