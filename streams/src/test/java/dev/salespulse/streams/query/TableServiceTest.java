package dev.salespulse.streams.query;

import static dev.salespulse.streams.testing.ActivityEventBuilder.aCall;
import static dev.salespulse.streams.testing.OrderEventBuilder.anOrder;
import static dev.salespulse.streams.testing.Reps.ADA;
import static dev.salespulse.streams.testing.Reps.BEN;
import static dev.salespulse.streams.testing.Reps.CHO;
import static dev.salespulse.streams.testing.Reps.ZED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

import dev.salespulse.streams.testing.TopologyHarness;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The manager view's tables: every roster scope (zeros without events) and every scope with events,
 * filtered by the roster's teams and regions, by revenue, with the revenue target's progress. The
 * day: Ada 300.00 and 20.00, Ben 100.00, Cho nothing, Zed (not on the roster, so team unassigned)
 * 500.00; Ada's day target is 1,000 at 13:30, half of the 09:00–18:00 business day.
 */
class TableServiceTest {
  private static final Instant NOW = Instant.parse("2026-11-26T13:30:00Z");
  private static final Instant TODAY = Instant.parse("2026-11-26T10:00:00Z");

  private TopologyHarness harness;

  @BeforeEach
  void start() {
    harness =
        TopologyHarness.start(Map.of("SALESPULSE_TIMEZONE", "UTC"), NOW).roster(ADA, BEN, CHO);
    harness.target("REP", ADA.id(), "DAY", "REVENUE", "1000");
    harness.send(
        anOrder().rep(ADA).amount("300.00").at(TODAY),
        anOrder().rep(ADA).amount("20.00").at(TODAY.plusSeconds(60)),
        anOrder().rep(BEN).amount("100.00").at(TODAY),
        anOrder().rep(ZED).amount("500.00").at(TODAY));
    harness.send(aCall().rep(BEN).at(TODAY));
  }

  @AfterEach
  void close() {
    harness.close();
  }

  private TableAnswer table(String dimension, String filter) {
    return harness.tables(NOW).table(dimension, filter, "today", null, null);
  }

  @Test
  void shouldListEveryRepOfTheCompanyByRevenueWithRosterRepsWithoutEventsAsZeros() {
    TableAnswer answer = table("rep", "company:all");

    assertThat(answer.rows())
        .extracting(TableAnswer.Row::scope, TableAnswer.Row::name, TableAnswer.Row::teamName)
        .containsExactly(
            tuple("rep:rep-zed", "rep-zed", null),
            tuple("rep:rep-ada", "Ada Park", "North"),
            tuple("rep:rep-ben", "Ben Okafor", "North"),
            tuple("rep:rep-cho", "Cho Min", "South"));
    assertThat(answer.rows().get(3).kpis().get("revenue")).isEqualTo(new BigDecimal("0.00"));
    assertThat(answer.rows().get(3).kpis().get("orders")).isEqualTo(0L);
    assertThat(answer.asOf()).isEqualTo(TODAY.plusSeconds(60));
    assertThat(answer.currency()).isEqualTo("USD");
  }

  @Test
  void shouldGiveARepsTeamRegionAllKpisAndTheRevenueTargetsProgressInTheCurrencysDigits() {
    TableAnswer.Row ada = table("rep", "team:team-north").rows().get(0);

    assertThat(ada.team()).isEqualTo("team:team-north");
    assertThat(ada.region()).isEqualTo("region:EMEA");
    assertThat(ada.kpis())
        .containsEntry("revenue", new BigDecimal("320.00"))
        .containsEntry("orders", 2L)
        .containsEntry("aov", new BigDecimal("160.00"))
        .containsEntry("connectRate", null)
        .containsEntry("target", new BigDecimal("1000.00"))
        .containsEntry("attainment", new BigDecimal("0.3200"))
        .containsEntry("pace", new BigDecimal("0.6400"))
        .containsEntry("projected", new BigDecimal("640.00"))
        .containsEntry("gap", new BigDecimal("680.00"))
        .doesNotContainKey("customers");
  }

  @Test
  void shouldKeepTheRepsTheRosterPutsInTheFilterTeamOrRegion() {
    assertThat(table("rep", "team:team-north").rows())
        .extracting(TableAnswer.Row::scope)
        .containsExactly("rep:rep-ada", "rep:rep-ben");
    assertThat(table("rep", "region:AMER").rows())
        .extracting(TableAnswer.Row::scope)
        .containsExactly("rep:rep-cho");
    assertThat(table("rep", "team:unassigned").rows()).isEmpty();
  }

  @Test
  void shouldSumTeamsAndKeepThoseOfTheFilterRegion() {
    assertThat(table("team", "company:all").rows())
        .extracting(
            TableAnswer.Row::scope, row -> row.kpis().get("revenue"), TableAnswer.Row::region)
        .containsExactly(
            tuple("team:unassigned", new BigDecimal("500.00"), null),
            tuple("team:team-north", new BigDecimal("420.00"), "region:EMEA"),
            tuple("team:team-south", new BigDecimal("0.00"), "region:AMER"));
    assertThat(table("team", "region:EMEA").rows())
        .extracting(TableAnswer.Row::scope)
        .containsExactly("team:team-north");
  }

  @Test
  void shouldRefuseOtherDimensionsAndFilters() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> table("channel", "company:all"))
        .withMessage("unknown dimension 'channel'; a table is of rep, team or region");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> table("rep", "rep:rep-ada"))
        .withMessage("a table is filtered by company:all, a region or a team, not rep:rep-ada");
  }
}
