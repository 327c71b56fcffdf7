package dev.salespulse.streams.query;

import static dev.salespulse.streams.testing.OrderEventBuilder.anOrder;
import static dev.salespulse.streams.testing.Reps.ADA;
import static dev.salespulse.streams.testing.Reps.BEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.testing.TopologyHarness;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every query asks for a few partial sums whatever its length: in a cluster each is a call to every
 * other instance. The answers stay those of the buckets.
 */
class QueryBatchingTest {
  private static final Instant NOW = TopologyHarness.WALL_CLOCK_START;
  private TopologyHarness harness;
  private CountingPartials partials;

  @AfterEach
  void close() {
    harness.close();
  }

  private void start() {
    harness = TopologyHarness.start().roster(ADA, BEN);
    partials = new CountingPartials(new LocalPartials(harness.stores()));
  }

  /** The queries over the counting partials, at {@link #NOW}. */
  private Queries queries() {
    return Queries.of(
        harness.config().reporting(),
        harness.config().http().queryCostLimit(),
        harness.stores(),
        partials,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void shouldReadThirtyFiveDaysOfQuarterHoursFromTheProfileInOneCall() {
    start();
    harness.send(
        anOrder().rep(ADA).amount("7.00").at("2026-10-23T00:14:59Z"),
        anOrder().rep(ADA).amount("30.00").at("2026-11-19T10:05:00Z"),
        anOrder().rep(BEN).amount("12.50").at("2026-11-19T10:29:59Z"),
        anOrder().rep(BEN).amount("1.00").at("2026-11-26T14:59:00Z"));

    TimeseriesAnswer answer =
        queries()
            .timeseries()
            .timeseries("company:all", "grossRevenue", "custom", "15m", "2026-10-23", "2026-11-27");

    assertThat(partials.calls).containsExactly("profile");
    assertThat(answer.points()).hasSize(35 * 96);
    int nov19 = 27 * 96;
    int nov26 = 34 * 96;
    assertThat(answer.points().get(0).value()).isEqualTo(new BigDecimal("7.00"));
    assertThat(answer.points().get(nov19 + 40).value()).isEqualTo(new BigDecimal("30.00"));
    assertThat(answer.points().get(nov19 + 41).value()).isEqualTo(new BigDecimal("12.50"));
    assertThat(answer.points().get(nov26 + 59).value()).isEqualTo(new BigDecimal("1.00"));
    assertThat(
            answer.points().stream()
                .map(p -> (BigDecimal) p.value())
                .reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualTo(new BigDecimal("50.50"));
  }

  @Test
  void shouldReadEveryDayOfADayStepSeriesInOneCall() {
    start();
    harness.send(
        anOrder().rep(ADA).amount("5.00").at("2026-09-01T10:00:00Z"),
        anOrder().rep(ADA).amount("6.00").at("2026-11-25T10:00:00Z"),
        anOrder().rep(BEN).amount("4.00").at("2026-11-25T11:00:00Z"));

    TimeseriesAnswer answer =
        queries()
            .timeseries()
            .timeseries("company:all", "revenue", "custom", "1d", "2026-09-01", "2026-11-27");

    assertThat(partials.calls).containsExactly("sumPerDay");
    assertThat(answer.points()).hasSize(87);
    assertThat(answer.points().get(0).value()).isEqualTo(new BigDecimal("5.00"));
    assertThat(answer.points().get(85).value()).isEqualTo(new BigDecimal("10.00"));
    assertThat(answer.points().get(86).value()).isEqualTo(new BigDecimal("0.00"));
  }

  @Test
  void shouldLearnTheExpectedShareOfFourPastWeeksInOneCall() {
    start();
    harness.target("COMPANY", "all", "DAY", "REVENUE", "1000");

    queries().kpis().kpis("company:all", "today");

    assertThat(partials.calls).containsExactly("sum", "profile", "customers");
  }

  @Test
  void shouldRankByCustomersWithOneCallForEveryScope() {
    start();
    harness.send(
        anOrder().rep(ADA).customer("c-1").amount("1.00").at("2026-11-02T10:00:00Z"),
        anOrder().rep(BEN).customer("c-2").amount("1.00").at("2026-11-20T10:00:00Z"),
        anOrder().rep(BEN).customer("c-1").amount("1.00").at("2026-11-26T10:00:00Z"));

    LeaderboardAnswer board =
        queries().leaderboard().leaderboard("rep", "newCustomers", "mtd", 10, null, null);

    assertThat(partials.calls).containsExactly("sumAll", "customersAll");
    assertThat(board.rows())
        .extracting(LeaderboardAnswer.Row::scope, r -> r.value())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("rep:" + BEN.id(), new BigDecimal("2")),
            org.assertj.core.groups.Tuple.tuple("rep:" + ADA.id(), new BigDecimal("1")));
  }

  @Test
  void shouldLearnOneExpectedShareForEveryRepOfATable() {
    start();
    harness.target("REP", ADA.id(), "DAY", "REVENUE", "100");
    harness.target("REP", BEN.id(), "DAY", "REVENUE", "100");

    queries().table().table("rep", "company:all", "today", null, null);

    assertThat(partials.calls).containsExactly("sumAll", "profile");
  }

  /** Remembers which partials were asked for, in order. */
  private static final class CountingPartials implements Partials {
    private final Partials inner;
    private final List<String> calls = new ArrayList<>();

    CountingPartials(Partials inner) {
      this.inner = inner;
    }

    @Override
    public KpiTotals sum(String scope, PeriodRange range) {
      calls.add("sum");
      return inner.sum(scope, range);
    }

    @Override
    public Map<String, KpiTotals> sumAll(String prefix, PeriodRange range) {
      calls.add("sumAll");
      return inner.sumAll(prefix, range);
    }

    @Override
    public List<MinuteTotals> minutes(String scope, Instant from, Instant to) {
      calls.add("minutes");
      return inner.minutes(scope, from, to);
    }

    @Override
    public CustomerTally customers(String scope, PeriodRange range) {
      calls.add("customers");
      return inner.customers(scope, range);
    }

    @Override
    public long profileGross(String scope, Instant from, Instant to) {
      calls.add("profileGross");
      return inner.profileGross(scope, from, to);
    }

    @Override
    public List<KpiTotals> sumPerDay(String scope, PeriodRange range) {
      calls.add("sumPerDay");
      return inner.sumPerDay(scope, range);
    }

    @Override
    public Map<Long, Long> profile(String scope, Instant from, Instant to) {
      calls.add("profile");
      return inner.profile(scope, from, to);
    }

    @Override
    public Map<String, CustomerTally> customersAll(String prefix, PeriodRange range) {
      calls.add("customersAll");
      return inner.customersAll(prefix, range);
    }
  }
}
