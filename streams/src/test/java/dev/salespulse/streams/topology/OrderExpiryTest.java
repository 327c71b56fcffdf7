package dev.salespulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.stores.OpenOrder;
import dev.salespulse.streams.stores.OpenOrderSerde;
import dev.salespulse.streams.stores.OrderPage;
import dev.salespulse.streams.stores.OrderPageSerde;
import dev.salespulse.streams.testing.TestDirectories;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The orders store's clean-up at the edges the topology tests do not reach. */
class OrderExpiryTest {
  private static final Duration RETENTION = Duration.ofDays(400);
  private static final long R = RETENTION.toMillis();
  private static final long T = 1_800_000_000_000L;

  private KeyValueStore<String, OpenOrder> orders;
  private KeyValueStore<Long, OrderPage> pages;

  @BeforeEach
  void setUp() {
    Properties props = new Properties();
    props.put("application.id", "order-expiry-test");
    props.put("bootstrap.servers", "localhost:9092");
    var context =
        new MockProcessorContext<String, Long>(
            props, new TaskId(0, 0), TestDirectories.create("order-expiry-").toFile());
    orders = store(context, "orders", Serdes.String(), OpenOrderSerde.serde());
    pages = store(context, "pages", Serdes.Long(), OrderPageSerde.serde());
  }

  @Test
  void keepsAnOrderOfAnEarlierBuildForARetentionFromTheFirstCleanUpAfterTheUpgrade() {
    orders.put("o-old", order(OpenOrder.UNKNOWN_PLACEMENT));
    OrderExpiry expiry = new OrderExpiry(orders, pages, RETENTION);

    expiry.expire(T);
    expiry.expire(T + R);

    assertThat(orders.get("o-old")).isNotNull();
    assertThat(expiry.expired(orders.get("o-old"), T + 10 * R)).isFalse();

    expiry.expire(T + R + 1);

    assertThat(orders.get("o-old")).isNull();
    assertThat(pages.approximateNumEntries()).isZero();
  }

  @Test
  void keepsAnOrderPlacedAfterTheClockWentBackAtLeastItsRetention() {
    OrderExpiry before = new OrderExpiry(orders, pages, RETENTION);
    place(before, "o-1", T);
    before.writeOpenPage();

    long thirtyDaysEarlier = T - Duration.ofDays(30).toMillis();
    OrderExpiry afterRestart = new OrderExpiry(orders, pages, RETENTION);
    place(afterRestart, "o-2", thirtyDaysEarlier);
    afterRestart.expire(thirtyDaysEarlier + R + 1);

    assertThat(orders.get("o-1")).isNotNull();
    assertThat(orders.get("o-2")).isNotNull();

    afterRestart.expire(T + R + 2);

    assertThat(orders.get("o-1")).isNull();
    assertThat(orders.get("o-2")).isNull();
  }

  @Test
  void theOpenPageIsPutByTheCommitAndWhenTheNextPageOpens() {
    OrderExpiry expiry = new OrderExpiry(orders, pages, RETENTION);
    for (int i = 0; i <= OrderPage.CAPACITY; i++) {
      expiry.placed("o-" + i, T);
    }
    assertThat(pages.approximateNumEntries()).isEqualTo(1);

    expiry.writeOpenPage();

    assertThat(pages.approximateNumEntries()).isEqualTo(2);
  }

  @Test
  void anOrderAddedToAPageSinceItsLastPutIsStillExpiredInTime() {
    OrderExpiry expiry = new OrderExpiry(orders, pages, RETENTION);
    place(expiry, "o-1", T);
    expiry.writeOpenPage();
    place(expiry, "o-2", T + 10);

    expiry.expire(T + R + 5);

    assertThat(orders.get("o-1")).as("its page holds a newer order").isNotNull();
    assertThat(orders.get("o-2")).isNotNull();

    expiry.expire(T + R + 11);

    assertThat(orders.get("o-1")).isNull();
    assertThat(orders.get("o-2")).isNull();
    assertThat(pages.approximateNumEntries()).isZero();
  }

  @Test
  void readsAnOrderOfAnEarlierBuildAsPlacedAtAnUnknownTime() {
    Serde<OpenOrder> serde = OpenOrderSerde.serde();
    OpenOrder order = order(T);
    byte[] current = serde.serializer().serialize("t", order);
    byte[] earlier = java.util.Arrays.copyOf(current, current.length - Long.BYTES);
    earlier[0] = 1;

    assertThat(serde.deserializer().deserialize("t", current)).isEqualTo(order);
    assertThat(serde.deserializer().deserialize("t", earlier).placedAtMs())
        .isEqualTo(OpenOrder.UNKNOWN_PLACEMENT);
  }

  @Test
  void aPageSurvivesItsSerde() {
    OrderPage page = new OrderPage(T);
    page.add("o-1", T);
    page.add("o-2", T + 5);
    Serde<OrderPage> serde = OrderPageSerde.serde();

    OrderPage read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", page));

    assertThat(read).isEqualTo(page);
    assertThat(read.newest()).isEqualTo(T + 5);
    assertThat(read.orderIds()).containsExactly("o-1", "o-2");
  }

  /** An order placed at {@code placedAt}, as the ingest stores and indexes it. */
  private void place(OrderExpiry expiry, String orderId, long placedAt) {
    orders.put(orderId, order(placedAt));
    expiry.placed(orderId, placedAt);
  }

  private static OpenOrder order(long placedAt) {
    return new OpenOrder(
        "rep-1",
        "team-1",
        "EMEA",
        Optional.of("web"),
        Optional.empty(),
        BigDecimal.ONE,
        new BigDecimal("10.00"),
        1_000,
        false,
        Map.of("hardware", 1_000L),
        placedAt);
  }

  private static <K, V> KeyValueStore<K, V> store(
      MockProcessorContext<String, Long> context, String name, Serde<K> keys, Serde<V> values) {
    KeyValueStore<K, V> store =
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values)
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    return store;
  }
}
