package dev.salespulse.web.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The live feed's work grows with the distinct (scope, period) pairs its sessions subscribe to, so
 * an instance takes at most so many; pairs shared by several sessions count once, and a session's
 * new subscription replaces its old one.
 */
class LiveKeysTest {
  private final LiveKeys keys = new LiveKeys(3);

  @Test
  void pairsSharedBySessionsCountOnce() {
    assertThat(keys.subscribe("a", Set.of("company:all@today", "team:north@today"))).isTrue();
    assertThat(keys.subscribe("b", Set.of("company:all@today", "team:north@today"))).isTrue();
    assertThat(keys.subscribe("c", Set.of("team:south@today"))).isTrue();

    assertThat(keys.size()).isEqualTo(3);
  }

  @Test
  void aSubscriptionBeyondTheMaximumIsRefusedAndTheOldOneStays() {
    keys.subscribe("a", Set.of("rep:1@today", "rep:2@today"));
    keys.subscribe("b", Set.of("rep:3@today"));

    assertThat(keys.subscribe("b", Set.of("rep:3@today", "rep:4@today"))).isFalse();
    assertThat(keys.size()).isEqualTo(3);
    // b still holds rep:3: releasing a leaves exactly it.
    keys.release("a");
    assertThat(keys.size()).isEqualTo(1);
  }

  @Test
  void aNewSubscriptionReplacesTheSessionsOwnPairs() {
    keys.subscribe("a", Set.of("rep:1@today", "rep:2@today", "rep:3@today"));

    assertThat(keys.subscribe("a", Set.of("rep:4@today", "rep:5@today", "rep:6@today"))).isTrue();
    assertThat(keys.size()).isEqualTo(3);
    assertThat(keys.subscribe("b", Set.of("rep:1@today"))).isFalse();
    assertThat(keys.subscribe("b", Set.of("rep:4@today"))).isTrue();
  }

  @Test
  void closedSessionsFreeTheirPairsAndReleasingTwiceIsHarmless() {
    keys.subscribe("a", Set.of("rep:1@today"));
    keys.subscribe("b", Set.of("rep:1@today", "rep:2@today"));

    keys.release("b");
    keys.release("b");
    assertThat(keys.size()).isEqualTo(1);
    keys.release("a");
    assertThat(keys.size()).isZero();
    assertThat(keys.subscribe("c", Set.of("x@today", "y@today", "z@today"))).isTrue();
  }
}
