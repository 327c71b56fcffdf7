package dev.salespulse.streams.query;

import static dev.salespulse.streams.testing.ActivityEventBuilder.aCall;
import static dev.salespulse.streams.testing.OrderEventBuilder.anOrder;
import static dev.salespulse.streams.testing.Reps.ADA;
import static dev.salespulse.streams.testing.Reps.BEN;
import static dev.salespulse.streams.testing.Reps.ZED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.salespulse.streams.testing.TopologyHarness;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** "The KPIs of this scope over this period", answered from the day buckets the topology keeps. */
class KpiQueryServiceTest {
  private static final Instant NOW = TopologyHarness.WALL_CLOCK_START;
  private static final Instant T1 = Instant.parse("2026-11-26T09:15:00Z");
  private static final Instant T2 = Instant.parse("2026-11-26T11:40:00Z");
  private static final Instant T3 = Instant.parse("2026-11-26T14:59:59Z");

  private TopologyHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void shouldAnswerTodaysKpisOfAScope() {
    harness = TopologyHarness.start().roster(ADA, BEN);
    harness.send(
        anOrder().rep(ADA).amount("1250.50").at(T1),
        anOrder().rep(BEN).amount("99.99").at(T2),
        anOrder().rep(ADA).amount("0.01").at(T3));
    harness.send(aCall().rep(ADA).at(T1), aCall().rep(BEN).at(T2), aCall().rep(BEN).at(T2));

    KpiAnswer answer = harness.queryService(NOW).kpis("team:team-north", "today");

    assertThat(answer.scope()).isEqualTo("team:team-north");
    assertThat(answer.name()).isEqualTo("North");
    assertThat(answer.period()).isEqualTo("today");
    assertThat(answer.from()).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
    assertThat(answer.to()).isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));
    assertThat(answer.asOf()).isEqualTo(T3);
    assertThat(answer.stale()).isFalse();
    assertThat(answer.currency()).isEqualTo("USD");
    assertThat(answer.kpis())
        .containsEntry("revenue", new BigDecimal("1350.50"))
        .containsEntry("grossRevenue", new BigDecimal("1350.50"))
        .containsEntry("orders", 3L)
        .containsEntry("aov", new BigDecimal("450.17"))
        .containsEntry("refundRate", new BigDecimal("0.0000"))
        .containsEntry("calls", 3L)
        .containsEntry("connectRate", new BigDecimal("1.0000"))
        .containsEntry("winRate", null);
  }

  @Test
  void shouldAnswerYesterdayFromThePreviousBusinessDay() {
    Instant yesterday = Instant.parse("2026-11-25T18:00:00Z");
    harness = TopologyHarness.start();
    harness.send(anOrder().amount("7.00").at(yesterday), anOrder().amount("9.00").at(T1));

    KpiAnswer answer = harness.queryService(NOW).kpis("company:all", "yesterday");

    assertThat(answer.from()).isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
    assertThat(answer.to()).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
    assertThat(answer.asOf()).isEqualTo(yesterday);
    assertThat(answer.kpis()).containsEntry("revenue", new BigDecimal("7.00"));
  }

  @Test
  void shouldAnswerATwentyThreeHourTodayWhenBerlinSpringsForward() {
    Instant now = Instant.parse("2026-03-29T10:00:00Z");
    harness = TopologyHarness.start("Europe/Berlin", now);

    KpiAnswer answer = harness.queryService(now).kpis("company:all", "today");

    assertThat(answer.from()).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
    assertThat(answer.to()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
  }

  @Test
  void shouldAnswerATwentyFiveHourTodayWhenBerlinFallsBack() {
    Instant now = Instant.parse("2026-10-25T10:00:00Z");
    harness = TopologyHarness.start("Europe/Berlin", now);

    KpiAnswer answer = harness.queryService(now).kpis("company:all", "today");

    assertThat(answer.from()).isEqualTo(Instant.parse("2026-10-24T22:00:00Z"));
    assertThat(answer.to()).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
  }

  @Test
  void shouldTakeTodayFromTheBusinessTimeZone() {
    Instant eveningInNewYork = Instant.parse("2026-11-27T03:30:00Z");
    harness = TopologyHarness.start("America/New_York", NOW);
    harness.send(anOrder().amount("12.34").at(eveningInNewYork));

    KpiAnswer answer = harness.queryService(eveningInNewYork).kpis("company:all", "today");

    assertThat(answer.from()).isEqualTo(Instant.parse("2026-11-26T05:00:00Z"));
    assertThat(answer.to()).isEqualTo(Instant.parse("2026-11-27T05:00:00Z"));
    assertThat(answer.timezone()).isEqualTo("America/New_York");
    assertThat(answer.kpis()).containsEntry("revenue", new BigDecimal("12.34"));
  }

  @Test
  void shouldNameARepFromTheRoster() {
    harness = TopologyHarness.start().roster(ADA);

    KpiAnswer answer = harness.queryService(NOW).kpis("rep:rep-ada", "today");

    assertThat(answer.name()).isEqualTo("Ada Park");
  }

  @Test
  void shouldNameARepMissingFromTheRosterByItsId() {
    harness = TopologyHarness.start().roster(ADA);

    KpiAnswer answer = harness.queryService(NOW).kpis("rep:" + ZED.id(), "today");

    assertThat(answer.name()).isEqualTo("rep-zed");
  }

  @Test
  void shouldAnswerZerosAndNoAsOfForAScopeWithoutEvents() {
    harness = TopologyHarness.start();
    harness.send(anOrder().amount("5.00").at(T1));

    KpiAnswer answer = harness.queryService(NOW).kpis("team:team-nobody", "today");

    assertThat(answer.asOf()).isNull();
    assertThat(answer.name()).isEqualTo("Nobody");
    assertThat(answer.kpis())
        .containsEntry("revenue", new BigDecimal("0.00"))
        .containsEntry("orders", 0L)
        .containsEntry("calls", 0L)
        .containsEntry("aov", null)
        .containsEntry("connectRate", null);
  }

  @Test
  void shouldRejectAnUnknownScopeKind() {
    harness = TopologyHarness.start();
    KpiQueryService queries = harness.queryService(NOW);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> queries.kpis("planet:mars", "today"))
        .withMessageContaining("planet");
    assertThatIllegalArgumentException().isThrownBy(() -> queries.kpis("team", "today"));
    assertThatIllegalArgumentException().isThrownBy(() -> queries.kpis("team:", "today"));
    assertThatIllegalArgumentException().isThrownBy(() -> queries.kpis("company:acme", "today"));
  }

  @Test
  void shouldRejectAnUnknownPeriod() {
    harness = TopologyHarness.start();
    KpiQueryService queries = harness.queryService(NOW);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> queries.kpis("company:all", "fortnight"))
        .withMessageContaining("fortnight");
    assertThatIllegalArgumentException().isThrownBy(() -> queries.kpis("company:all", "TODAY"));
  }
}
