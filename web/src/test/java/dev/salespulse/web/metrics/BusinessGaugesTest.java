package dev.salespulse.web.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Teams and regions come from the events, so the gauges show a bounded number of them: past the
 * bound, the ones with the most revenue this month.
 */
class BusinessGaugesTest {
  private static final List<String> TEAMS =
      IntStream.range(0, 10).mapToObj(i -> "team:t-" + i).toList();

  @Test
  void shouldShowEveryScopeUpToTheBoundWithoutRankingThem() {
    assertThat(
            BusinessGauges.capped(
                TEAMS,
                () -> {
                  throw new AssertionError("not ranked");
                },
                10))
        .isEqualTo(TEAMS);
  }

  @Test
  void shouldShowTheLargestPastTheBound() {
    assertThat(BusinessGauges.capped(TEAMS, () -> List.of("team:t-7", "team:t-3", "team:t-9"), 3))
        .containsExactly("team:t-7", "team:t-3", "team:t-9");
  }

  @Test
  void shouldFillUpInTheDirectorysOrderWhenFewerAreRanked() {
    // Scopes without revenue this month are not ranked; an empty ranking is one too costly to make.
    assertThat(BusinessGauges.capped(TEAMS, () -> List.of("team:t-8"), 3))
        .containsExactly("team:t-8", "team:t-0", "team:t-1");
    assertThat(BusinessGauges.capped(TEAMS, List::of, 3))
        .containsExactly("team:t-0", "team:t-1", "team:t-2");
  }

  @Test
  void shouldNeverShowMoreThanTheBound() {
    List<String> many = IntStream.range(0, 5_000).mapToObj(i -> "region:r-" + i).toList();

    assertThat(
            BusinessGauges.capped(
                many, () -> many.subList(4_000, 5_000), BusinessGauges.MAX_SCOPES_PER_KIND))
        .hasSize(BusinessGauges.MAX_SCOPES_PER_KIND)
        .startsWith("region:r-4000")
        .doesNotHaveDuplicates();
  }
}
