package dev.salespulse.web.feed;

import dev.salespulse.streams.query.KpiAnswer;
import dev.salespulse.streams.query.KpiQueryService;
import dev.salespulse.streams.stores.Scope;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds a milestone to the {@link FeedBoard} when a company, region, team or rep reaches 100 % of
 * one of today's targets (revenue, orders, calls, meetings, deals won). Scopes reported changed
 * (from {@code sales.kpi-changes}) are collected and looked at once a second; what was reached is
 * remembered for the business day, so each target is announced once a day and instance.
 *
 * <p>Limits: the memory is in-process, so after a restart a target already met is announced again
 * on the scope's next change, stamped with that answer's {@code asOf} (when it was known to be met,
 * not the exact moment it was crossed).
 */
public final class MilestoneWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MilestoneWatcher.class);

  private final KpiQueryService queries;
  private final FeedBoard board;
  private final Set<String> changed = new LinkedHashSet<>();
  private final Set<String> reached = new HashSet<>();
  private String day = "";
  private final ScheduledExecutorService checker =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "milestone-watcher");
            thread.setDaemon(true);
            return thread;
          });

  public MilestoneWatcher(KpiQueryService queries, FeedBoard board) {
    this.queries = queries;
    this.board = board;
    checker.scheduleWithFixedDelay(this::checkChanged, 1, 1, TimeUnit.SECONDS);
  }

  /** Called for every changed scope; cheap and non-blocking. */
  public void scopeChanged(String scope) {
    synchronized (changed) {
      changed.add(scope);
    }
  }

  private void checkChanged() {
    List<String> scopes;
    synchronized (changed) {
      scopes = new ArrayList<>(changed);
      changed.clear();
    }
    for (String scope : scopes) {
      try {
        if (Scope.parse(scope).kind().hasTargets()) {
          check(queries.kpis(scope, "today"));
        }
      } catch (RuntimeException e) {
        LOG.debug("Could not check the targets of {} yet; next change retries", scope, e);
        scopeChanged(scope);
      }
    }
  }

  /** Announces every target of today the answer shows reached and not announced yet. */
  void check(KpiAnswer answer) {
    String date = answer.from().toString();
    if (!date.equals(day)) {
      day = date;
      reached.clear();
    }
    for (Map.Entry<String, Map<String, BigDecimal>> target : answer.targets().entrySet()) {
      BigDecimal attainment = target.getValue().get("attainment");
      BigDecimal gap = target.getValue().get("gap");
      String metric = target.getKey();
      // Reached when nothing is left to go: the attainment is rounded to 4 digits, so 0.999998
      // would already read 1.0000.
      if (attainment == null
          || gap == null
          || gap.signum() > 0
          || !reached.add(answer.scope() + "|" + metric)) {
        continue;
      }
      board.add(
          FeedItem.milestone(
              answer.scope(),
              answer.name(),
              date,
              metric,
              answer.asOf(),
              value(answer.kpis().get(metric)),
              target.getValue().get("target"),
              attainment,
              "revenue".equals(metric) ? answer.currency() : null));
    }
  }

  private static BigDecimal value(Object kpi) {
    if (kpi instanceof BigDecimal decimal) {
      return decimal;
    }
    return kpi instanceof Long count ? BigDecimal.valueOf(count) : null;
  }

  @Override
  public void close() {
    checker.shutdownNow();
  }
}
