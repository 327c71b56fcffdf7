package dev.salespulse.streams.topology;

import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.stores.Scope;
import dev.salespulse.streams.stores.ScopeKind;
import java.util.List;
import java.util.Optional;

/** The scopes an event counts in (contract, "Scopes"): company, region, team, rep, channel. */
final class ScopeFanOut {
  private ScopeFanOut() {}

  static IngestProcessor.Contribution of(
      KpiTotals delta, String repId, String teamId, String region, Optional<String> channel) {
    Scope regionScope = Scope.of(ScopeKind.REGION, region);
    Scope teamScope = Scope.of(ScopeKind.TEAM, teamId);
    Scope repScope = Scope.of(ScopeKind.REP, repId);
    // Immutable, so that the buffer can key its sums by this very list without a copy.
    List<Scope> scopes =
        channel.isPresent()
            ? List.of(
                Scope.COMPANY,
                regionScope,
                teamScope,
                repScope,
                Scope.of(ScopeKind.CHANNEL, channel.get()))
            : List.of(Scope.COMPANY, regionScope, teamScope, repScope);
    return new IngestProcessor.Contribution(scopes, delta);
  }
}
