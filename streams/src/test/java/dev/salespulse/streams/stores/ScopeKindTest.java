package dev.salespulse.streams.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ScopeKindTest {

  @Test
  void shouldHaveTargetsForTheCompanyRegionsTeamsAndRepsOnly() {
    assertThat(Arrays.stream(ScopeKind.values()).filter(ScopeKind::hasTargets))
        .containsExactly(ScopeKind.COMPANY, ScopeKind.REGION, ScopeKind.TEAM, ScopeKind.REP);
  }

  @Test
  void shouldReadTheKindOfAScopeKeyByItsPrefix() {
    assertThat(ScopeKind.ofKey("team:north")).contains(ScopeKind.TEAM);
    assertThat(ScopeKind.ofKey("category:books")).contains(ScopeKind.CATEGORY);
    assertThat(ScopeKind.ofKey("company:all")).contains(ScopeKind.COMPANY);
    assertThat(ScopeKind.ofKey("teams:north")).isEmpty();
    assertThat(ScopeKind.ofKey("team")).isEmpty();
    assertThat(ScopeKind.ofKey("")).isEmpty();
  }

  @Test
  void shouldFindAKindByItsPrefixOnly() {
    assertThat(ScopeKind.of("rep")).contains(ScopeKind.REP);
    assertThat(ScopeKind.of("REP")).isEmpty();
  }
}
