package dev.salespulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.testing.TestDirectories;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventIdSweepTest {
  private static final Duration RETENTION = Duration.ofDays(7);
  private static final long NOW = 1_800_000_000_000L;
  private static final long EXPIRED = NOW - RETENTION.toMillis() - 1;

  private KeyValueStore<String, Long> ids;
  private EventIdSweep sweep;

  @BeforeEach
  void setUp() {
    Properties props = new Properties();
    props.put("application.id", "sweep-test");
    props.put("bootstrap.servers", "localhost:9092");
    var context =
        new MockProcessorContext<String, Long>(
            props, new TaskId(0, 0), TestDirectories.create("sweep-").toFile());
    ids =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("ids"), Serdes.String(), Serdes.Long())
            .withLoggingDisabled()
            .build();
    ids.init(context.getStateStoreContext(), ids);
    sweep = new EventIdSweep(ids, RETENTION);
  }

  @Test
  void removesOnlyIdsOlderThanTheRetention() {
    ids.put("old", EXPIRED);
    ids.put("edge", NOW - RETENTION.toMillis());
    ids.put("new", NOW - 1);

    sweep.run(NOW);

    assertThat(ids.get("old")).isNull();
    assertThat(ids.get("edge")).isEqualTo(NOW - RETENTION.toMillis());
    assertThat(ids.get("new")).isEqualTo(NOW - 1);
  }

  @Test
  void readsABatchAtATimeAndGoesOnWhereItStopped() {
    int total = EventIdSweep.BATCH + EventIdSweep.BATCH / 2;
    for (int i = 0; i < total; i++) {
      ids.put(String.format("id-%06d", i), EXPIRED);
    }

    sweep.run(NOW);
    assertThat(ids.approximateNumEntries()).isEqualTo(total - EventIdSweep.BATCH);

    sweep.run(NOW);
    assertThat(ids.approximateNumEntries()).isZero();
  }

  @Test
  void keepsAheadOfTheIdsAddedSinceTheLastSlice() {
    int arrivals = 3 * EventIdSweep.BATCH;
    for (int i = 0; i < arrivals; i++) {
      ids.put(String.format("id-%06d", i), EXPIRED);
      sweep.added();
    }

    sweep.run(NOW);

    assertThat(ids.approximateNumEntries()).isZero();
  }
}
