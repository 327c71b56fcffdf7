package dev.salespulse.tools.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's day targets: the floor model's expected values, rounded. */
class DemoTargetsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SalesFloor FLOOR = SalesFloor.generate(60, SalesFloor.STANDARD_SEED);

  @Test
  void shouldSetTheWeekdaysExpectedValuesForTheCompanyTeamsAndReps() throws Exception {
    Map<String, String> targets = DemoTargets.all(FLOOR);

    assertThat(targets).hasSize(3 * (60 + 5 + 5));
    assertThat(value(targets, "COMPANY:all:DAY:REVENUE")).isEqualTo(725_000);
    assertThat(value(targets, "COMPANY:all:DAY:ORDERS")).isEqualTo(330);
    assertThat(value(targets, "COMPANY:all:DAY:CALLS")).isEqualTo(3420);
    assertThat(value(targets, "COMPANY:all:DAY:MEETINGS")).isEqualTo(220);
    assertThat(value(targets, "COMPANY:all:DAY:DEALS_WON")).isEqualTo(65);
    assertThat(value(targets, "TEAM:team-north:DAY:REVENUE")).isEqualTo(160_000);
    assertThat(value(targets, "TEAM:team-apac:DAY:REVENUE")).isEqualTo(138_000);
    assertThat(value(targets, "REP:rep-1:DAY:REVENUE")).isEqualTo(9_300);
    assertThat(JSON.readTree(targets.get("TEAM:team-north:DAY:REVENUE")).toString())
        .isEqualTo(
            "{\"scope\":\"TEAM\",\"scopeId\":\"team-north\",\"period\":\"DAY\",\"metric\":\"REVENUE\","
                + "\"value\":160000}");
  }

  @Test
  void shouldSetSmallerTargetsForSaturdaysAndSundays() throws Exception {
    Map<String, String> targets = DemoTargets.all(FLOOR);

    for (String day : new String[] {"SATURDAY", "SUNDAY"}) {
      assertThat(value(targets, "COMPANY:all:" + day + ":REVENUE")).isEqualTo(51_200);
      assertThat(value(targets, "COMPANY:all:" + day + ":ORDERS")).isEqualTo(32);
      assertThat(value(targets, "COMPANY:all:" + day + ":CALLS")).isEqualTo(103);
      assertThat(value(targets, "COMPANY:all:" + day + ":MEETINGS")).isEqualTo(7);
      assertThat(value(targets, "COMPANY:all:" + day + ":DEALS_WON")).isEqualTo(2);
      assertThat(value(targets, "REP:rep-1:" + day + ":REVENUE")).isEqualTo(670);
    }
    assertThat(JSON.readTree(targets.get("REP:rep-1:SUNDAY:REVENUE")).get("period").asText())
        .isEqualTo("SUNDAY");
  }

  @Test
  void shouldRoundToAMultipleOfTheStepAndNeverToZero() {
    assertThat(DemoTargets.round(724_512.3, 1000)).isEqualTo(new BigDecimal("725000"));
    assertThat(DemoTargets.round(149.9, 100)).isEqualTo(new BigDecimal("100"));
    assertThat(DemoTargets.round(0.2, 5)).isEqualTo(new BigDecimal("5"));
  }

  private static long value(Map<String, String> targets, String key) throws Exception {
    return JSON.readTree(targets.get(key)).get("value").decimalValue().longValueExact();
  }
}
