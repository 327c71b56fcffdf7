package dev.salespulse.web.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo's day targets: one per rep, team and the company, in the contract's target format, and
 * of the size of what the simulator's floor brings in a weekday.
 */
class DemoTargetsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock THURSDAY =
      Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC);

  private static SimulatorSettings settings(double rate, long seed) {
    return new SimulatorSettings(rate, 60, ZoneOffset.UTC, seed, THURSDAY);
  }

  @Test
  void shouldSetARevenueTargetForEveryRepTeamAndTheCompanyInTheContractsFormat() throws Exception {
    Map<String, String> targets = DemoTargets.of(settings(20, 1L));

    SalesFloor floor = SalesFloor.generate(60, SalesFloor.STANDARD_SEED);
    for (Rep rep : floor.reps()) {
      assertThat(targets).containsKey("REP:" + rep.repId() + ":DAY:REVENUE");
    }
    for (Team team : floor.teams()) {
      assertThat(targets).containsKey("TEAM:" + team.teamId() + ":DAY:REVENUE");
    }
    assertThat(targets)
        .containsKeys(
            "COMPANY:all:DAY:REVENUE",
            "COMPANY:all:DAY:ORDERS",
            "COMPANY:all:DAY:CALLS",
            "COMPANY:all:DAY:MEETINGS")
        .hasSize(floor.reps().size() + floor.teams().size() + 4);
    JsonNode team =
        JSON.readTree(targets.get("TEAM:" + floor.teams().get(0).teamId() + ":DAY:REVENUE"));
    assertThat(team.get("scope").asText()).isEqualTo("TEAM");
    assertThat(team.get("scopeId").asText()).isEqualTo(floor.teams().get(0).teamId());
    assertThat(team.get("period").asText()).isEqualTo("DAY");
    assertThat(team.get("metric").asText()).isEqualTo("REVENUE");
    assertThat(team.get("value").decimalValue()).isPositive();
  }

  @Test
  void shouldAddUpTeamsToTheCompanyAndScaleWithTheRate() throws Exception {
    Map<String, String> slow = DemoTargets.of(settings(20, 1L));
    Map<String, String> fast = DemoTargets.of(settings(40, 1L));

    BigDecimal teams = BigDecimal.ZERO;
    for (Map.Entry<String, String> target : slow.entrySet()) {
      if (target.getKey().startsWith("TEAM:")) {
        teams = teams.add(value(target.getValue()));
      }
    }
    double company = value(slow.get("COMPANY:all:DAY:REVENUE")).doubleValue();
    // Teams are rounded to 1000 each, the company once.
    assertThat(teams.doubleValue()).isCloseTo(company, within(5 * 500.0 + 500));
    assertThat(value(fast.get("COMPANY:all:DAY:ORDERS")).doubleValue())
        .isCloseTo(2 * value(slow.get("COMPANY:all:DAY:ORDERS")).doubleValue(), within(20.0));
  }

  @Test
  void shouldEstimateAStableDayWhateverTheSample() throws Exception {
    double one =
        value(DemoTargets.of(settings(20, 1L)).get("COMPANY:all:DAY:REVENUE")).doubleValue();
    double other =
        value(DemoTargets.of(settings(20, 99L)).get("COMPANY:all:DAY:REVENUE")).doubleValue();

    assertThat(other).isCloseTo(one, within(one * 0.15));
  }

  @Test
  void shouldCountTheSimulatorsEventsOfAWeekdayFromItsRateAndRhythm() {
    double events = DemoTargets.eventsOn(LocalDate.of(2026, 11, 26), settings(20, 1L));

    // Never less than a tenth of the rate, never more than the rate, all day long.
    assertThat(events).isBetween(20 * 0.1 * 86_400, 20.0 * 86_400);
    assertThat(DemoTargets.eventsOn(LocalDate.of(2026, 11, 28), settings(20, 1L)))
        .as("a Saturday is quieter")
        .isLessThan(events);
  }

  private static BigDecimal value(String json) throws Exception {
    return JSON.readTree(json).get("value").decimalValue();
  }
}
