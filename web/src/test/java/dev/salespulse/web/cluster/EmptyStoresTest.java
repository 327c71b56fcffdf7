package dev.salespulse.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.query.KpiStores;
import java.time.Instant;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.junit.jupiter.api.Test;

/**
 * A partition's share of a store kept for the other source topic reads as empty, whatever type the
 * queries ask that store for: a type without an empty store made every standby read of the
 * first-order store fail (a 400 "no empty store of type …" instead of a stale answer).
 */
class EmptyStoresTest {
  private final KpiStores empty =
      KpiStores.of(
          new KpiStores.StoreLookup() {
            @Override
            public <T> T store(String name, QueryableStoreType<T> type) {
              return EmptyStores.of(type);
            }
          },
          () -> false);

  @Test
  void everyStoreTheQueriesReadHasAnEmptyShare() {
    Instant now = Instant.parse("2026-11-26T12:00:00Z");
    assertThat(empty.days().get().get("2026-11-26|company:all")).isNull();
    assertThat(empty.minutes().get().fetch("company:all", now.minusSeconds(60), now).hasNext())
        .isFalse();
    assertThat(empty.reps().get().get("rep-1")).isNull();
    assertThat(empty.targets().get().all().hasNext()).isFalse();
    assertThat(
            empty.revenueProfile().get().fetch("company:all", now.minusSeconds(900), now).hasNext())
        .isFalse();
    assertThat(empty.customerFirstOrders().get().get("cust-1")).isNull();
    assertThat(
            empty.customerDays().get().prefixScan("2026-11-26|", new StringSerializer()).hasNext())
        .isFalse();
  }
}
