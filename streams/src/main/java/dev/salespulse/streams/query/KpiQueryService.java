package dev.salespulse.streams.query;

import dev.salespulse.streams.config.SalesPulseConfig;
import dev.salespulse.streams.events.Money;
import dev.salespulse.streams.events.RosterEntry;
import dev.salespulse.streams.stores.DayKey;
import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.stores.Scope;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Answers "the KPIs of this scope over this period" from the day buckets. Days follow the business
 * time zone: {@code today} runs from local midnight to the next local midnight (23 or 25 hours on
 * daylight-saving days). A scope with no events answers zeros, not an error.
 */
public final class KpiQueryService {
  private final SalesPulseConfig config;
  private final KpiStores stores;
  private final Clock clock;

  public KpiQueryService(SalesPulseConfig config, KpiStores stores, Clock clock) {
    this.config = config;
    this.stores = stores;
    this.clock = clock;
  }

  /**
   * @throws IllegalArgumentException for an unknown scope kind or period (a client error)
   * @throws StoresUnavailableException while the stores cannot be read
   */
  public KpiAnswer kpis(String scopeKey, String periodCode) {
    Scope scope = Scope.parse(scopeKey);
    Period period = Period.parse(periodCode);
    LocalDate day = period.day(LocalDate.now(clock.withZone(config.timezone())));
    KpiTotals totals =
        Optional.ofNullable(stores.days().get().get(new DayKey(day, scope.toString()).toString()))
            .orElse(KpiTotals.EMPTY);

    Map<String, Object> kpis = new LinkedHashMap<>();
    kpis.put("revenue", Money.fromMinor(totals.revenueMinor(), config.currencyDigits()));
    kpis.put("orders", totals.orders());
    kpis.put("calls", totals.calls());
    return new KpiAnswer(
        scope.toString(),
        DisplayNames.of(scope, this::repName),
        period.code(),
        day.atStartOfDay(config.timezone()).toInstant(),
        day.plusDays(1).atStartOfDay(config.timezone()).toInstant(),
        totals.hasEvents() ? Instant.ofEpochMilli(totals.lastEventMs()) : null,
        stores.stale().getAsBoolean(),
        config.currency(),
        kpis);
  }

  private Optional<String> repName(String repId) {
    return Optional.ofNullable(stores.reps().get().get(repId))
        .flatMap(RosterEntry::parse)
        .map(RosterEntry::name);
  }
}
