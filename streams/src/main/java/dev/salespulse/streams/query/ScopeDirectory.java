package dev.salespulse.streams.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.salespulse.streams.config.ReportingConfig;
import dev.salespulse.streams.events.RosterEntry;
import dev.salespulse.streams.stores.Scope;
import dev.salespulse.streams.stores.ScopeKind;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The known scopes of a kind, with display names: those with events in the last {@link
 * #LOOKBACK_DAYS} days, plus for reps, teams and regions everything the roster names. A rep on the
 * roster also carries its team and region scopes, so a page can filter and drill down by team.
 */
public final class ScopeDirectory {
  static final int LOOKBACK_DAYS = 35;
  private final QueryContext context;

  public ScopeDirectory(ReportingConfig config, int queryCostLimit, KpiStores stores, Clock clock) {
    this(config, queryCostLimit, stores, new LocalPartials(stores), clock);
  }

  /** Answers from the given partial sums (e.g. those of every instance of the cluster). */
  public ScopeDirectory(
      ReportingConfig config,
      int queryCostLimit,
      KpiStores stores,
      Partials partials,
      Clock clock) {
    this.context = new QueryContext(config, queryCostLimit, stores, partials, clock);
  }

  /**
   * A scope and its display name; for a rep on the roster, its team and region scopes (else null,
   * left out of the JSON).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Entry(String scope, String name, String team, String region) {
    /** A scope that is not a rep on the roster. */
    public Entry(String scope, String name) {
      this(scope, name, null, null);
    }
  }

  /**
   * @throws IllegalArgumentException for an unknown dimension
   */
  public List<Entry> scopes(String dimension) {
    ScopeKind kind =
        ScopeKind.of(dimension)
            .orElseThrow(
                () -> new IllegalArgumentException("unknown dimension '" + dimension + "'"));
    TreeSet<String> keys = new TreeSet<>();
    Map<String, RosterEntry> reps = new HashMap<>();
    if (kind == ScopeKind.COMPANY) {
      keys.add(Scope.COMPANY.toString());
    }
    LocalDate today = context.calendar.date(context.clock.instant());
    PeriodRange recent =
        PeriodRange.resolve(
            "custom",
            today.minusDays(LOOKBACK_DAYS - 1).toString(),
            today.plusDays(1).toString(),
            context.clock.instant(),
            context.calendar,
            context.config.minuteRetention());
    context.checkCost(LOOKBACK_DAYS, 1, 1, "raise the limit: the scopes list has no parameter");
    keys.addAll(context.sums.sumAll(kind.prefix() + ":", recent).keySet());
    try (KeyValueIterator<String, String> roster = context.stores.reps().get().all()) {
      roster.forEachRemaining(
          entry -> {
            Optional<RosterEntry> rep = RosterEntry.parse(entry.value);
            fromRoster(kind, rep).ifPresent(keys::add);
            rep.ifPresent(r -> reps.put(r.repId(), r));
          });
    }
    return keys.stream().map(Scope::parse).map(scope -> entry(scope, reps)).toList();
  }

  private Entry entry(Scope scope, Map<String, RosterEntry> reps) {
    RosterEntry rep = scope.kind() == ScopeKind.REP ? reps.get(scope.id()) : null;
    return new Entry(
        scope.toString(),
        context.name(scope),
        rep == null ? null : Scope.of(ScopeKind.TEAM, rep.teamId()).toString(),
        rep == null ? null : Scope.of(ScopeKind.REGION, rep.region()).toString());
  }

  private static Optional<String> fromRoster(ScopeKind kind, Optional<RosterEntry> entry) {
    return entry.flatMap(
        rep ->
            switch (kind) {
              case REP -> Optional.of(Scope.of(ScopeKind.REP, rep.repId()).toString());
              case TEAM -> Optional.of(Scope.of(ScopeKind.TEAM, rep.teamId()).toString());
              case REGION -> Optional.of(Scope.of(ScopeKind.REGION, rep.region()).toString());
              default -> Optional.empty();
            });
  }
}
