package dev.salespulse.streams.query;

import dev.salespulse.streams.config.ReportingConfig;
import dev.salespulse.streams.events.Money;
import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.stores.Retention;
import dev.salespulse.streams.stores.Scope;
import dev.salespulse.streams.stores.ScopeKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A metric of one scope over a period, one point per step. Steps are aligned to the business time
 * zone's clock (a 15-minute step starts at :00, :15, … local time; a day step at local midnight).
 * Steps shorter than a day are summed from minute buckets, so they reach back as far as those are
 * kept ({@code SALESPULSE_MINUTE_RETENTION}). Beyond that, {@code grossRevenue} of a company,
 * region, team or rep in steps of 15 minutes or an hour comes from the revenue profile (quarter
 * hours of placed revenue, kept {@link Retention#PROFILE}), which is what lets a wallboard draw
 * today against the same weekday last week; such an answer has no {@code asOf}.
 */
public final class TimeseriesService {
  static final int MAX_POINTS = 5_000;
  private static final Set<ScopeKind> PROFILED =
      Set.of(ScopeKind.COMPANY, ScopeKind.REGION, ScopeKind.TEAM, ScopeKind.REP);
  private final QueryContext context;

  public TimeseriesService(
      ReportingConfig config, int queryCostLimit, KpiStores stores, Clock clock) {
    this(config, queryCostLimit, stores, new LocalPartials(stores), clock);
  }

  /** Answers from the given partial sums (e.g. those of every instance of the cluster). */
  public TimeseriesService(
      ReportingConfig config,
      int queryCostLimit,
      KpiStores stores,
      Partials partials,
      Clock clock) {
    this.context = new QueryContext(config, queryCostLimit, stores, partials, clock);
  }

  /**
   * @throws IllegalArgumentException for an unknown scope kind, metric, period or step, or a step
   *     the period's data cannot give
   * @throws QueryTooCostlyException when days × points is above the cost limit
   */
  public TimeseriesAnswer timeseries(
      String scopeKey,
      String metricCode,
      String periodCode,
      String stepCode,
      String from,
      String to) {
    Scope scope = Scope.parse(scopeKey);
    Metric metric = Metric.parse(metricCode);
    Step step = Step.parse(stepCode);
    PeriodRange range = context.period(periodCode, from, to);
    if (fromProfile(scope, metric, step, range)) {
      return byProfile(scope, metric, step, range);
    }
    if (step == Step.DAY && !range.byDays()) {
      throw new IllegalArgumentException(
          "step 1d needs a period of whole days, not " + range.period().code());
    }
    List<Instant> starts = step == Step.DAY ? dayStarts(range) : stepStarts(range, step, true);
    checkCost(range, starts.size());
    List<KpiTotals> sums =
        step == Step.DAY
            ? context.sums.sumPerDay(scope.toString(), range)
            : byMinutes(scope, range, step, starts);

    int digits = context.config.currencyDigits();
    List<TimeseriesAnswer.Point> points = new ArrayList<>(sums.size());
    long newest = Long.MIN_VALUE;
    for (int i = 0; i < sums.size(); i++) {
      points.add(new TimeseriesAnswer.Point(starts.get(i), metric.value(sums.get(i), digits)));
      newest = Math.max(newest, sums.get(i).lastEventMs());
    }
    return new TimeseriesAnswer(
        scope.toString(),
        context.name(scope),
        metric.code(),
        range.period().code(),
        step.code(),
        range.from(),
        range.to(),
        context.calendar.zone().getId(),
        QueryContext.asOf(newest),
        context.stale(),
        points);
  }

  /** Whether the answer must come from the revenue profile: past the minute buckets' reach. */
  private boolean fromProfile(Scope scope, Metric metric, Step step, PeriodRange range) {
    return metric == Metric.GROSS_REVENUE
        && (step == Step.QUARTER_HOUR || step == Step.HOUR)
        && PROFILED.contains(scope.kind())
        && range.from().isBefore(oldestMinute());
  }

  private TimeseriesAnswer byProfile(Scope scope, Metric metric, Step step, PeriodRange range) {
    if (range.from().isBefore(context.clock.instant().minus(Retention.PROFILE))) {
      throw new IllegalArgumentException(
          "step "
              + step.code()
              + " of grossRevenue reaches back "
              + Retention.PROFILE.toDays()
              + " days; use step=1d for this period");
    }
    int digits = context.config.currencyDigits();
    List<Instant> starts = stepStarts(range, step, false);
    checkCost(range, starts.size());
    Instant end = starts.get(starts.size() - 1).plus(step.length());
    long[] gross = new long[starts.size()];
    // Steps follow each other without gaps: a bucket belongs to the last step starting at or
    // before it.
    for (Map.Entry<Long, Long> bucket :
        context.sums.profile(scope.toString(), starts.get(0), end).entrySet()) {
      int index = stepOf(starts, bucket.getKey());
      gross[index] = Math.addExact(gross[index], bucket.getValue());
    }
    List<TimeseriesAnswer.Point> points = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      points.add(new TimeseriesAnswer.Point(starts.get(i), Money.fromMinor(gross[i], digits)));
    }
    return new TimeseriesAnswer(
        scope.toString(),
        context.name(scope),
        metric.code(),
        range.period().code(),
        step.code(),
        range.from(),
        range.to(),
        context.calendar.zone().getId(),
        null,
        context.stale(),
        points);
  }

  private Instant oldestMinute() {
    return context
        .clock
        .instant()
        .truncatedTo(ChronoUnit.MINUTES)
        .minus(context.config.minuteRetention());
  }

  private void checkCost(PeriodRange range, int points) {
    context.checkCost(
        QueryCost.daysOf(range), 1, points, "ask for a shorter period or a longer step");
  }

  /** The index of the last step starting at or before {@code epochMs}. */
  private static int stepOf(List<Instant> starts, long epochMs) {
    int low = 0;
    int high = starts.size() - 1;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (starts.get(mid).toEpochMilli() <= epochMs) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }

  private List<Instant> dayStarts(PeriodRange range) {
    return range.days().stream().map(context.calendar::startOf).toList();
  }

  /** Step starts from the period's start (aligned down to the local clock) up to its end. */
  private List<Instant> stepStarts(PeriodRange range, Step step, boolean fromMinutes) {
    if (fromMinutes && range.from().isBefore(oldestMinute())) {
      throw new IllegalArgumentException(
          "step "
              + step.code()
              + " needs minute buckets, which are kept "
              + context.config.minuteRetention().toHours()
              + " h; use step=1d for this period");
    }
    List<Instant> starts = new ArrayList<>();
    for (Instant t = alignDown(range.from(), step.length());
        t.isBefore(range.to());
        t = t.plus(step.length())) {
      starts.add(t);
      if (starts.size() > MAX_POINTS) {
        throw new IllegalArgumentException(
            "more than " + MAX_POINTS + " points; use a longer step");
      }
    }
    return starts;
  }

  private List<KpiTotals> byMinutes(
      Scope scope, PeriodRange range, Step step, List<Instant> starts) {
    KpiTotals[] sums = new KpiTotals[starts.size()];
    Arrays.fill(sums, KpiTotals.EMPTY);
    Instant first = starts.get(0);
    for (Partials.MinuteTotals bucket :
        context.sums.minutes(scope.toString(), range.from(), range.to())) {
      int index =
          (int)
              (Duration.between(first, Instant.ofEpochMilli(bucket.minute())).toMinutes()
                  / step.length().toMinutes());
      sums[index] = sums[index].plus(bucket.totals());
    }
    return List.of(sums);
  }

  /** The latest step boundary at or before t, counting whole steps from local midnight. */
  private Instant alignDown(Instant t, Duration step) {
    ZonedDateTime local = t.atZone(context.calendar.zone());
    Instant midnight = context.calendar.startOf(local.toLocalDate());
    long steps = Duration.between(midnight, t).toMinutes() / step.toMinutes();
    return midnight.plus(step.multipliedBy(steps));
  }
}
