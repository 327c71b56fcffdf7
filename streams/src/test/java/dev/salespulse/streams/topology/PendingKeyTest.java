package dev.salespulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.stores.Scope;
import dev.salespulse.streams.stores.ScopeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingKeyTest {

  @Test
  void decodesEveryScopeOfTheMinuteWhateverCharactersTheIdsHold() {
    List<Scope> scopes =
        List.of(
            Scope.COMPANY,
            Scope.of(ScopeKind.REGION, "EMEA|north"),
            Scope.of(ScopeKind.TEAM, "12:34"),
            Scope.of(ScopeKind.REP, "7"),
            Scope.of(ScopeKind.CHANNEL, "web shop ü"));

    String key = PendingKey.encode(1_795_000_020_000L, scopes);

    assertThat(PendingKey.decode(key))
        .containsExactly(
            new PendingKey.ScopeMinute("company:all", 1_795_000_020_000L),
            new PendingKey.ScopeMinute("region:EMEA|north", 1_795_000_020_000L),
            new PendingKey.ScopeMinute("team:12:34", 1_795_000_020_000L),
            new PendingKey.ScopeMinute("rep:7", 1_795_000_020_000L),
            new PendingKey.ScopeMinute("channel:web shop ü", 1_795_000_020_000L));
  }

  @Test
  void keysOfDifferentScopeListsDiffer() {
    String a = PendingKey.encode(0, List.of(Scope.of(ScopeKind.REP, "a1:b")));
    String b =
        PendingKey.encode(0, List.of(Scope.of(ScopeKind.REP, "a"), Scope.of(ScopeKind.REP, "b")));

    assertThat(a).isNotEqualTo(b);
  }
}
