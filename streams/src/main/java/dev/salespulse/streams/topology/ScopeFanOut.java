package dev.salespulse.streams.topology;

import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.stores.Scope;
import dev.salespulse.streams.stores.ScopeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The scopes an event counts in (contract, "Scopes"): company, region, team, rep, channel. */
final class ScopeFanOut {
  private ScopeFanOut() {}

  static IngestProcessor.Contribution of(
      KpiTotals delta, String repId, String teamId, String region, Optional<String> channel) {
    List<Scope> scopes = new ArrayList<>(5);
    scopes.add(Scope.COMPANY);
    scopes.add(Scope.of(ScopeKind.REGION, region));
    scopes.add(Scope.of(ScopeKind.TEAM, teamId));
    scopes.add(Scope.of(ScopeKind.REP, repId));
    channel.ifPresent(c -> scopes.add(Scope.of(ScopeKind.CHANNEL, c)));
    return new IngestProcessor.Contribution(scopes, delta);
  }
}
