package dev.salespulse.streams.query;

import static dev.salespulse.streams.testing.OrderEventBuilder.anOrder;
import static dev.salespulse.streams.testing.Reps.ADA;
import static dev.salespulse.streams.testing.Reps.BEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.salespulse.streams.testing.Rep;
import dev.salespulse.streams.testing.TopologyHarness;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Customers counted by merging the days' sorted scans: a customer on several days of the period
 * counts once, for the scope and for the leaderboard alike, whatever characters the ids hold.
 */
class CustomerCountsMergeTest {
  private static final Instant NOW = TopologyHarness.WALL_CLOCK_START;

  /** Above every UTF-16 surrogate as a char, below any supplementary character as a code point. */
  private static final String REPLACEMENT = "c-\uFFFD";

  private static final String EMOJI = "c-\uD83D\uDE00";

  private TopologyHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  private Map<String, Object> kpis(String scope, String from, String to) {
    return harness.queryService(NOW).kpis(scope, "custom", from, to).kpis();
  }

  private void order(Rep rep, String customer, String occurredAt) {
    harness.send(anOrder().rep(rep).customer(customer).amount("1.00").at(occurredAt));
  }

  @Test
  void shouldCountACustomerOfSeveralDaysOnceAndNewOnlyWhenTheFirstOrderIsInThePeriod() {
    harness = TopologyHarness.start().roster(ADA, BEN);
    order(ADA, "c-old", "2026-11-10T10:00:00Z");
    order(ADA, "c-old", "2026-11-23T10:00:00Z");
    order(ADA, "c-old", "2026-11-24T10:00:00Z");
    order(ADA, "c-old", "2026-11-26T10:00:00Z");
    order(ADA, "c-a", "2026-11-23T11:00:00Z");
    order(ADA, "c-a", "2026-11-25T11:00:00Z");
    order(BEN, "c-a", "2026-11-24T11:00:00Z");
    order(BEN, "c-b", "2026-11-24T12:00:00Z");
    order(BEN, "c-b", "2026-11-26T12:00:00Z");
    order(BEN, "c-z", "2026-11-26T13:00:00Z");

    // 23–26 November: c-old (first order on the 10th), c-a, c-b, c-z.
    assertThat(kpis("company:all", "2026-11-23", "2026-11-27"))
        .containsEntry("customers", 4L)
        .containsEntry("newCustomers", 3L)
        .containsEntry("repeatRate", new BigDecimal("0.2500"));
    assertThat(kpis("rep:" + ADA.id(), "2026-11-23", "2026-11-27"))
        .containsEntry("customers", 2L)
        .containsEntry("newCustomers", 1L);
    assertThat(kpis("rep:" + BEN.id(), "2026-11-23", "2026-11-27"))
        .containsEntry("customers", 3L)
        .containsEntry("newCustomers", 3L);
    // 10–26 November: c-old is new too.
    assertThat(kpis("company:all", "2026-11-10", "2026-11-27"))
        .containsEntry("customers", 4L)
        .containsEntry("newCustomers", 4L);
    // 25–26 November: c-a's and c-b's first orders were before, c-z's is in it.
    assertThat(kpis("company:all", "2026-11-25", "2026-11-27"))
        .containsEntry("customers", 4L)
        .containsEntry("newCustomers", 1L);

    LeaderboardAnswer board =
        harness
            .leaderboards(NOW)
            .leaderboard("rep", "customers", "custom", 10, "2026-11-23", "2026-11-27");
    assertThat(board.rows())
        .extracting(LeaderboardAnswer.Row::rank, LeaderboardAnswer.Row::scope, r -> r.value())
        .containsExactly(
            tuple(1, "rep:" + BEN.id(), new BigDecimal("3")),
            tuple(2, "rep:" + ADA.id(), new BigDecimal("2")));
    LeaderboardAnswer fresh =
        harness
            .leaderboards(NOW)
            .leaderboard("team", "newCustomers", "custom", 10, "2026-11-23", "2026-11-27");
    assertThat(fresh.rows())
        .extracting(LeaderboardAnswer.Row::scope, r -> r.value())
        .containsExactly(tuple("team:team-north", new BigDecimal("3")));
  }

  /**
   * The stores sort keys by their UTF-8 bytes: U+1F600 after U+FFFD, though its first UTF-16 unit
   * comes before it. Merged in the wrong order, a customer on two days would count twice.
   */
  @Test
  void shouldMergeDaysInTheStoresOrderOfCharactersBeyondTheBasicPlane() {
    harness = TopologyHarness.start().roster(ADA);
    order(ADA, REPLACEMENT, "2026-11-24T10:00:00Z");
    order(ADA, EMOJI, "2026-11-24T11:00:00Z");
    order(ADA, "c-\u00E9", "2026-11-24T12:00:00Z");
    order(ADA, EMOJI, "2026-11-25T10:00:00Z");
    order(ADA, REPLACEMENT, "2026-11-25T11:00:00Z");
    order(ADA, "c-\u00E9", "2026-11-26T11:00:00Z");

    assertThat(kpis("rep:" + ADA.id(), "2026-11-24", "2026-11-27"))
        .containsEntry("customers", 3L)
        .containsEntry("newCustomers", 3L);
    assertThat(
            harness
                .leaderboards(NOW)
                .leaderboard("rep", "customers", "custom", 10, "2026-11-24", "2026-11-27")
                .rows())
        .extracting(r -> r.value())
        .containsExactly(new BigDecimal("3"));
    assertThat(DistinctKeys.compareCodePoints(EMOJI, REPLACEMENT)).isPositive();
    assertThat(EMOJI.compareTo(REPLACEMENT)).isNegative();
  }
}
