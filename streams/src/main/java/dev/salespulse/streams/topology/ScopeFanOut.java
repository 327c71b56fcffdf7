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

  static List<IngestProcessor.ScopedDelta> of(
      KpiTotals delta, String repId, String teamId, String region, Optional<String> channel) {
    List<IngestProcessor.ScopedDelta> deltas = new ArrayList<>(5);
    deltas.add(new IngestProcessor.ScopedDelta(Scope.COMPANY, delta));
    deltas.add(new IngestProcessor.ScopedDelta(Scope.of(ScopeKind.REGION, region), delta));
    deltas.add(new IngestProcessor.ScopedDelta(Scope.of(ScopeKind.TEAM, teamId), delta));
    deltas.add(new IngestProcessor.ScopedDelta(Scope.of(ScopeKind.REP, repId), delta));
    channel.ifPresent(
        c -> deltas.add(new IngestProcessor.ScopedDelta(Scope.of(ScopeKind.CHANNEL, c), delta)));
    return deltas;
  }
}
