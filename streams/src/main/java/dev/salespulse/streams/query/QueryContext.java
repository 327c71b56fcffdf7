package dev.salespulse.streams.query;

import dev.salespulse.streams.config.ReportingConfig;
import dev.salespulse.streams.events.RosterEntry;
import dev.salespulse.streams.stores.Scope;
import dev.salespulse.streams.time.BusinessCalendar;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** What every query needs: settings, the calendar, the wall clock, the stores and their sums. */
final class QueryContext {
  final ReportingConfig config;
  private final int costLimit;
  final BusinessCalendar calendar;
  final Clock clock;
  final KpiStores stores;
  final Partials sums;
  final Targets targets;
  final ExpectedShare expectedShare;
  final CustomerCounts customers;

  /**
   * @param costLimit {@code SALESPULSE_QUERY_COST_LIMIT}
   */
  QueryContext(
      ReportingConfig config, int costLimit, KpiStores stores, Partials partials, Clock clock) {
    this.config = config;
    this.costLimit = costLimit;
    this.calendar = new BusinessCalendar(config.timezone(), config.fiscalYearStart());
    this.clock = clock;
    this.stores = stores;
    this.sums = partials;
    this.targets = new Targets(stores.targets(), config.currencyDigits());
    this.customers = new CustomerCounts(partials);
    this.expectedShare = new ExpectedShare(calendar, config.businessHours(), partials);
  }

  PeriodRange period(String code, String from, String to) {
    return PeriodRange.resolve(code, from, to, clock.instant(), calendar, config.minuteRetention());
  }

  /**
   * @throws QueryTooCostlyException above {@code SALESPULSE_QUERY_COST_LIMIT}
   */
  void checkCost(long days, long scopes, long points, String advice) {
    new QueryCost(days, scopes, points, advice).check(costLimit);
  }

  String name(Scope scope) {
    return DisplayNames.of(scope, this::repName);
  }

  Optional<String> repName(String repId) {
    return Optional.ofNullable(stores.reps().get().get(repId))
        .flatMap(RosterEntry::parse)
        .map(RosterEntry::name);
  }

  boolean stale() {
    return stores.stale().getAsBoolean();
  }

  static Instant asOf(long lastEventMs) {
    return lastEventMs == Long.MIN_VALUE ? null : Instant.ofEpochMilli(lastEventMs);
  }
}
