package dev.salespulse.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salespulse.streams.query.KpiAnswer;
import dev.salespulse.streams.query.LeaderboardAnswer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LiveAnswersTest {
  /** Long enough that only a change, never the clock, can end a kept answer in these tests. */
  private static final Duration TICK = Duration.ofHours(1);

  private final List<String> asked = new ArrayList<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final LiveAnswers answers =
      new LiveAnswers(
          (scope, period, from, to) -> {
            asked.add("kpis " + scope + " " + period + " " + from + " " + to);
            return kpis(scope, period);
          },
          (dimension, metric, period, limit, from, to) -> {
            asked.add("leaderboard " + dimension + " " + metric + " " + limit);
            return leaderboard(dimension, metric, period);
          },
          TICK,
          registry,
          () -> 1_000L); // a still clock: what a test asks is answered within one tick

  @Test
  void shouldAskOnceForTheSameQuestionUntilItsScopeChanges() {
    answers.kpis("company:all", "today", null, null);
    answers.kpis("company:all", "today", null, null);
    answers.changed(Set.of("team:team-north"));
    answers.kpis("company:all", "today", null, null);
    assertThat(asked).containsExactly("kpis company:all today null null");

    answers.changed(Set.of("company:all"));
    answers.kpis("company:all", "today", null, null);

    assertThat(asked)
        .containsExactly("kpis company:all today null null", "kpis company:all today null null");
    assertThat(registry.counter("salespulse.answers.lookups", "result", "hit").count())
        .isEqualTo(2.0);
    assertThat(registry.counter("salespulse.answers.lookups", "result", "miss").count())
        .isEqualTo(2.0);
  }

  @Test
  void shouldKeepEachPeriodAndCustomRangeApart() {
    answers.kpis("company:all", "today", null, null);
    answers.kpis("company:all", "wtd", null, null);
    answers.kpis("company:all", "custom", "2026-11-01", "2026-11-02");
    answers.kpis("company:all", "custom", "2026-11-01", "2026-11-03");

    assertThat(asked).hasSize(4);
  }

  @Test
  void shouldDropEveryLeaderboardOnAnyChange() {
    answers.leaderboard("rep", "revenue", "today", 10, null, null);
    answers.leaderboard("rep", "revenue", "today", 10, null, null);
    answers.leaderboard("rep", "revenue", "today", 5, null, null);
    assertThat(asked).hasSize(2);

    answers.changed(Set.of("channel:web"));
    answers.leaderboard("rep", "revenue", "today", 10, null, null);

    assertThat(asked).hasSize(3);
  }

  @Test
  void shouldRefuseAnUnknownScopeKindWithoutAsking() {
    assertThatThrownBy(() -> answers.kpis("planet:mars", "today", null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(asked).isEmpty();
  }

  private static KpiAnswer kpis(String scope, String period) {
    return new KpiAnswer(
        scope, scope, period, null, null, "UTC", null, false, "USD", Map.of(), Map.of());
  }

  private static LeaderboardAnswer leaderboard(String dimension, String metric, String period) {
    return new LeaderboardAnswer(
        dimension, metric, period, null, null, "UTC", null, false, List.of());
  }
}
