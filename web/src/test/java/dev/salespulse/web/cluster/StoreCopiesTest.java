package dev.salespulse.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.config.SalesPulseConfig;
import dev.salespulse.streams.stores.StoreNames;
import dev.salespulse.streams.topology.SalesPulseTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Reading one partition's copy needs to know which source topic each KPI store is kept per
 * partition of: the stores of the other topic read as empty then, and a store kept per partition of
 * neither must not be read as a whole (its other partitions would be counted again).
 */
class StoreCopiesTest {
  private static final Map<String, Integer> TOPICS =
      SalesPulseTopology.storeSourceTopics("salespulse", 4, 4);
  private static final String DELTAS = "salespulse-scope-deltas-repartition";
  private static final String CUSTOMERS = "salespulse-customer-orders-repartition";

  private final StoreCopies copies =
      new StoreCopies(
          null,
          SalesPulseTopology.build(
                  SalesPulseConfig.defaults().kafka(),
                  SalesPulseConfig.defaults().reporting(),
                  new SimpleMeterRegistry())
              .describe(),
          TOPICS.keySet());

  @Test
  void shouldKnowTheSourceTopicOfEveryStoreThePartialsRead() {
    assertThat(copies.topicOf(StoreNames.KPI_DAY)).contains(DELTAS);
    assertThat(copies.topicOf(StoreNames.KPI_MINUTE)).contains(DELTAS);
    assertThat(copies.topicOf(StoreNames.REVENUE_PROFILE)).contains(DELTAS);
    assertThat(copies.topicOf(StoreNames.CUSTOMER_DAYS)).contains(CUSTOMERS);
    assertThat(copies.topicOf(StoreNames.CUSTOMER_FIRST_ORDER)).contains(CUSTOMERS);
  }

  @Test
  void shouldReadTheRosterAndTargetsWholeAndNoOtherStoreByPartition() {
    assertThat(copies.isGlobal(StoreNames.REPS)).isTrue();
    assertThat(copies.isGlobal(StoreNames.TARGETS)).isTrue();
    assertThat(copies.topicOf(StoreNames.ORDER_DEDUP)).isEqualTo(Optional.empty());
  }
}
