package dev.salespulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.stores.EventIdHash;
import dev.salespulse.streams.stores.EventIdPage;
import dev.salespulse.streams.stores.EventIdPageSerde;
import dev.salespulse.streams.testing.TestDirectories;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventIdsTest {
  private static final Duration RETENTION = Duration.ofDays(7);
  private static final long R = RETENTION.toMillis();
  private static final long T = 1_800_000_000_000L;

  private KeyValueStore<Long, EventIdPage> store;
  private EventIds ids;

  @BeforeEach
  void setUp() {
    Properties props = new Properties();
    props.put("application.id", "event-ids-test");
    props.put("bootstrap.servers", "localhost:9092");
    var context =
        new MockProcessorContext<String, Long>(
            props, new TaskId(0, 0), TestDirectories.create("event-ids-").toFile());
    store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("ids"), Serdes.Long(), EventIdPageSerde.serde())
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    ids = new EventIds(store, RETENTION);
  }

  @Test
  void recognisesAnIdForExactlyTheRetentionAfterItWasCounted() {
    ids.remember(id("e-1"), T);

    assertThat(ids.seen(id("e-1"), T + R)).isTrue();
    assertThat(ids.seen(id("e-1"), T + R + 1)).isFalse();
    assertThat(ids.seen(id("e-2"), T)).isFalse();
  }

  @Test
  void writesOnePagePerSixtyFourIdsKeyedInArrivalOrder() {
    for (int i = 0; i < 3 * EventIdPage.CAPACITY + 1; i++) {
      ids.remember(id("e-" + i), T + i / 10);
    }
    assertThat(pages())
        .as("a full page is put when the next one opens, the open one only at the commit")
        .extracting(page -> page.value.size())
        .containsExactly(64, 64, 64);

    ids.writeOpenPage();

    List<KeyValue<Long, EventIdPage>> pages = pages();
    assertThat(pages).extracting(page -> page.value.size()).containsExactly(64, 64, 64, 1);
    assertThat(pages).extracting(page -> page.key).isSorted().doesNotHaveDuplicates();
    assertThat(pages.get(0).value.hash(0)).isEqualTo(id("e-0"));
    assertThat(pages.get(3).value.hash(0)).isEqualTo(id("e-192"));
  }

  /**
   * A task's processors are initialized one after the other before the instance reports running:
   * the ids are read at the first lookup, not when the task starts.
   */
  @Test
  void readsTheStoreAtTheFirstLookupNotWhenCreated() {
    EventIdPage page = new EventIdPage(T);
    page.add(id("e-1"), T);

    EventIds created = new EventIds(store, RETENTION);
    store.put(page.base(), page);

    assertThat(created.seen(id("e-1"), T + 1)).isTrue();
    created.remember(id("e-2"), T + 2);
    created.writeOpenPage();
    assertThat(pages())
        .as("the new page after the one read")
        .extracting(p -> p.key)
        .containsExactly(T, T + 2);
  }

  @Test
  void aNewInstanceOverTheSameStoreKnowsEveryIdAndAddsPagesAfterTheOldOnes() {
    for (int i = 0; i < 100; i++) {
      ids.remember(id("e-" + i), T);
    }
    ids.writeOpenPage();

    EventIds restarted = new EventIds(store, RETENTION);
    restarted.remember(id("after-restart"), T);
    restarted.writeOpenPage();

    assertThat(restarted.size()).isEqualTo(101);
    for (int i = 0; i < 100; i++) {
      assertThat(restarted.seen(id("e-" + i), T + 1)).isTrue();
    }
    List<KeyValue<Long, EventIdPage>> pages = pages();
    assertThat(pages).extracting(page -> page.value.size()).containsExactly(64, 36, 1);
    assertThat(pages.get(2).value.holds(id("after-restart"))).isTrue();
  }

  /**
   * A restart with the clock set back further than a page's offsets reach (about 24 days): the ids
   * counted then are remembered at least the retention, and counting does not fail.
   */
  @Test
  void remembersIdsCountedAfterARestartWithTheClockSetBackAMonth() {
    ids.remember(id("e-1"), T);
    ids.writeOpenPage();
    long monthEarlier = T - Duration.ofDays(30).toMillis();

    EventIds restarted = new EventIds(store, RETENTION);
    restarted.remember(id("e-2"), monthEarlier);
    restarted.remember(id("e-3"), monthEarlier + 1);
    restarted.writeOpenPage();

    assertThat(restarted.seen(id("e-2"), monthEarlier + R)).isTrue();
    assertThat(restarted.seen(id("e-3"), monthEarlier + 1)).isTrue();
    assertThat(restarted.seen(id("e-1"), monthEarlier)).isTrue();
    assertThat(pages()).hasSize(2);
  }

  @Test
  void expiryDeletesExpiredPagesAndRewritesThePartlyExpiredOne() {
    for (int i = 0; i < 2 * EventIdPage.CAPACITY + 10; i++) {
      ids.remember(id("e-" + i), T + i);
    }
    ids.writeOpenPage();

    ids.expire(T + R + 70);

    List<KeyValue<Long, EventIdPage>> pages = pages();
    assertThat(pages).extracting(page -> page.value.size()).containsExactly(58, 10);
    assertThat(pages.get(0).value.hash(0)).isEqualTo(id("e-70"));
    assertThat(ids.size()).isEqualTo(68);
    assertThat(ids.seen(id("e-69"), T + R + 69)).isFalse();
    assertThat(ids.seen(id("e-70"), T + R + 70)).isTrue();
  }

  @Test
  void anIdIsInTheStoreOnlyOnceItsCommitPutTheOpenPage() {
    ids.remember(id("e-1"), T);
    assertThat(pages()).isEmpty();
    assertThat(new EventIds(store, RETENTION).seen(id("e-1"), T))
        .as("a task restarted from before the commit recounts the event")
        .isFalse();

    ids.writeOpenPage();

    assertThat(pages()).hasSize(1);
    assertThat(new EventIds(store, RETENTION).seen(id("e-1"), T)).isTrue();
    store.delete(pages().get(0).key);
    ids.writeOpenPage();
    assertThat(pages()).as("a page put once is not put again until it changes").isEmpty();
  }

  @Test
  void anOpenPageRewrittenByExpiryKeepsTheIdsAddedSinceItsLastPut() {
    ids.remember(id("old"), T);
    ids.writeOpenPage();
    ids.remember(id("new"), T + R);

    ids.expire(T + R + 1);

    assertThat(pages()).hasSize(1);
    assertThat(pages().get(0).value.holds(id("new"))).isTrue();
    assertThat(pages().get(0).value.holds(id("old"))).isFalse();
    assertThat(new EventIds(store, RETENTION).seen(id("new"), T + R + 1)).isTrue();
  }

  @Test
  void anIdCountedAgainAfterItsRetentionOutlivesItsFirstCount() {
    ids.remember(id("e-1"), T);
    assertThat(ids.seen(id("e-1"), T + R + 1)).isFalse();
    ids.remember(id("e-1"), T + R + 1);
    ids.writeOpenPage();

    ids.expire(T + R + 2);

    assertThat(ids.seen(id("e-1"), T + R + 2)).isTrue();
    assertThat(pages()).hasSize(1);
    assertThat(pages().get(0).value.countedAt(0)).isEqualTo(T + R + 1);
  }

  @Test
  void anEmptiedOpenPageIsDeletedAndTheNextIdOpensANewerOne() {
    ids.remember(id("e-1"), T);
    ids.writeOpenPage();
    long firstKey = pages().get(0).key;

    ids.expire(T + R + 1);
    ids.remember(id("e-2"), T + R + 1);
    ids.writeOpenPage();

    assertThat(pages()).hasSize(1);
    assertThat(pages().get(0).key).isGreaterThan(firstKey);
    assertThat(pages().get(0).value.holds(id("e-1"))).isFalse();
    assertThat(ids.size()).isEqualTo(1);
  }

  @Test
  void readsABatchOfPagesAtATimeAndGoesOnWhereItStopped() {
    int total = EventIds.EXPIRY_BATCH + EventIds.EXPIRY_BATCH / 2;
    for (int p = 0; p < total; p++) {
      EventIdPage page = new EventIdPage(T + p);
      page.add(id("e-" + p), T + p);
      store.put(page.base(), page);
    }
    EventIds loaded = new EventIds(store, RETENTION);

    loaded.expire(T + total + R);
    assertThat(store.approximateNumEntries()).isEqualTo(total - EventIds.EXPIRY_BATCH);

    loaded.expire(T + total + R);
    assertThat(store.approximateNumEntries()).isZero();
    assertThat(loaded.size()).isZero();
  }

  @Test
  void keepsAheadOfThePagesOpenedSinceTheLastRun() {
    int ids = 3 * EventIds.EXPIRY_BATCH * EventIdPage.CAPACITY;
    for (int i = 0; i < ids; i++) {
      this.ids.remember(id("e-" + i), T);
    }
    this.ids.writeOpenPage();

    this.ids.expire(T + R + 1);

    assertThat(store.approximateNumEntries()).isZero();
    assertThat(this.ids.size()).isZero();
  }

  private List<KeyValue<Long, EventIdPage>> pages() {
    List<KeyValue<Long, EventIdPage>> pages = new ArrayList<>();
    try (KeyValueIterator<Long, EventIdPage> all = store.all()) {
      all.forEachRemaining(pages::add);
    }
    return pages;
  }

  private static EventIdHash id(String eventId) {
    return EventIdHash.of(eventId);
  }
}
