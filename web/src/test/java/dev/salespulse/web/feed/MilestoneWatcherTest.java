package dev.salespulse.web.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.query.KpiAnswer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Milestones: a scope's KPI reaching 100 % of one of today's targets, announced once a day. */
class MilestoneWatcherTest {
  private final FeedBoard board = new FeedBoard();
  private final MilestoneWatcher watcher = new MilestoneWatcher(null, board);

  @AfterEach
  void close() {
    watcher.close();
  }

  /**
   * Team North has a DAY revenue target of 5,000 and 4,999.99 of revenue: 0.01 short. Its answer's
   * attainment is 4,999.99 / 5,000 = 0.999998, which the KPI answer rounds half-even to four
   * digits, 1.0000; the target is not reached for all that.
   */
  @Test
  void shouldNotAnnounceATargetThatIsOnlyReachedAfterRoundingTheAttainment() {
    watcher.check(teamNorthToday("4999.99", "1.0000", "0.01"));

    assertThat(board.latest(FeedBoard.CAPACITY)).isEmpty();

    watcher.check(teamNorthToday("5000.00", "1.0000", "0.00"));

    assertThat(board.latest(FeedBoard.CAPACITY))
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.kind()).isEqualTo("milestone");
              assertThat(item.value()).isEqualByComparingTo("5000.00");
            });
  }

  private static KpiAnswer teamNorthToday(String revenue, String attainment, String gap) {
    Map<String, Object> kpis = new LinkedHashMap<>();
    kpis.put("revenue", new BigDecimal(revenue));
    Map<String, BigDecimal> progress = new LinkedHashMap<>();
    progress.put("target", new BigDecimal("5000"));
    progress.put("attainment", new BigDecimal(attainment));
    progress.put("gap", new BigDecimal(gap));
    return new KpiAnswer(
        "team:team-north",
        "North",
        "today",
        Instant.parse("2026-11-26T00:00:00Z"),
        Instant.parse("2026-11-27T00:00:00Z"),
        "UTC",
        Instant.parse("2026-11-26T14:03:22Z"),
        false,
        "USD",
        kpis,
        Map.of("revenue", progress));
  }
}
