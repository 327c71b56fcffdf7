package dev.salespulse.web.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.topology.Topics;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReferenceChecksTest {
  private final ReferenceChecks checks = new ReferenceChecks(new Topics(""));

  @Test
  void shouldWriteATargetInCanonicalFormUnderItsKey() {
    Checked checked =
        check(
            ReferenceKind.TARGETS,
            "{\"scope\":\"team\",\"scopeId\":\"team-north\",\"period\":\"day\","
                + "\"metric\":\"revenue\",\"value\":50000.50}");

    assertThat(checked).isInstanceOf(Checked.Routed.class);
    Checked.Routed routed = (Checked.Routed) checked;
    assertThat(routed.topic()).isEqualTo("sales.targets");
    assertThat(routed.key()).isEqualTo("TEAM:team-north:DAY:REVENUE");
    assertThat(new String(routed.value(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"scope\":\"TEAM\",\"scopeId\":\"team-north\",\"period\":\"DAY\","
                + "\"metric\":\"REVENUE\",\"value\":50000.50}");
  }

  @Test
  void shouldDeleteATargetOnlyWithAnExplicitNullValue() {
    Checked.Routed routed =
        (Checked.Routed)
            check(
                ReferenceKind.TARGETS,
                "{\"scope\":\"REP\",\"scopeId\":\"rep-7\",\"period\":\"WEEK\","
                    + "\"metric\":\"CALLS\",\"value\":null}");
    assertThat(routed.key()).isEqualTo("REP:rep-7:WEEK:CALLS");
    assertThat(routed.value()).isNull();

    assertRefused(
        ReferenceKind.TARGETS,
        "{\"scope\":\"REP\",\"scopeId\":\"rep-7\",\"period\":\"WEEK\",\"metric\":\"CALLS\"}",
        "missing-field",
        "required field 'value' is missing (to delete a target, send \"value\": null as JSON)");
    assertRefused(
        ReferenceKind.TARGETS,
        "{\"scope\":\"REP\",\"scopeId\":\"rep-7\",\"period\":\"WEEK\",\"metric\":\"CALLS\","
            + "\"Value\":40}",
        "wrong-type",
        "unknown field 'Value'; the fields are scope, scopeId, period, metric, value");
  }

  @Test
  void shouldRefuseNumbersOfTooManyDigitsUnwritten() {
    assertRefused(
        ReferenceKind.TARGETS,
        "{\"scope\":\"COMPANY\",\"scopeId\":\"all\",\"period\":\"DAY\",\"metric\":\"ORDERS\","
            + "\"value\":1e999999999}",
        "wrong-type",
        "'value' has too many digits");
    assertRefused(
        ReferenceKind.FX_RATES,
        "{\"currency\":\"EUR\",\"perUnitInReporting\":1e-999999999}",
        "wrong-type",
        "'perUnitInReporting' has too many digits");
  }

  @Test
  void shouldRefuseTargetsTheContractDoesNotKnow() {
    assertRefused(
        ReferenceKind.TARGETS,
        "{\"scope\":\"COMPANY\",\"scopeId\":\"acme\",\"period\":\"DAY\",\"metric\":\"ORDERS\","
            + "\"value\":1}",
        "wrong-type",
        "a COMPANY target's 'scopeId' is 'all', not 'acme'");
    assertRefused(
        ReferenceKind.TARGETS,
        "{\"scope\":\"TEAM\",\"scopeId\":\"t\",\"period\":\"YEAR\",\"metric\":\"ORDERS\","
            + "\"value\":1}",
        "unknown-type",
        "'period' must be one of DAY, WEEK, MONTH, QUARTER, MONDAY, TUESDAY, WEDNESDAY, THURSDAY,"
            + " FRIDAY, SATURDAY, SUNDAY, was 'YEAR'");
    assertRefused(
        ReferenceKind.TARGETS,
        "{\"scope\":\"TEAM\",\"scopeId\":\"t\",\"period\":\"DAY\",\"metric\":\"ORDERS\","
            + "\"value\":-1}",
        "wrong-type",
        "'value' must be an amount: a number, not negative, below 10^15, at most 4 decimals");
  }

  @Test
  void shouldCheckRosterEntries() {
    Checked.Routed routed =
        (Checked.Routed)
            check(
                ReferenceKind.REPS,
                "{\"repId\":\"rep-7\",\"name\":\"Ada Park\",\"teamId\":\"team-north\","
                    + "\"active\":false}");
    assertThat(routed.key()).isEqualTo("rep-7");
    assertThat(new String(routed.value(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"repId\":\"rep-7\",\"name\":\"Ada Park\",\"teamId\":\"team-north\",\"active\":false}");
    assertRefused(
        ReferenceKind.REPS,
        "{\"name\":\"No Id\"}",
        "missing-field",
        "required field 'repId' is missing");
    assertRefused(ReferenceKind.REPS, "{\"repId\":7}", "wrong-type", "'repId' must be a string");
    assertRefused(
        ReferenceKind.REPS,
        "{\"repId\":\"r\",\"active\":\"yes\"}",
        "wrong-type",
        "'active' must be true or false");
    assertRefused(ReferenceKind.REPS, "[1]", "malformed-json", "not a JSON object");
  }

  @Test
  void shouldCheckFxRates() {
    Checked.Routed routed =
        (Checked.Routed)
            check(ReferenceKind.FX_RATES, "{\"currency\":\"EUR\",\"perUnitInReporting\":1.0812}");
    assertThat(routed.key()).isEqualTo("EUR");
    assertThat(new String(routed.value(), StandardCharsets.UTF_8))
        .isEqualTo("{\"currency\":\"EUR\",\"perUnitInReporting\":1.0812}");
    assertRefused(
        ReferenceKind.FX_RATES,
        "{\"currency\":\"EURO\",\"perUnitInReporting\":1}",
        "wrong-type",
        "'currency' must be a three-letter ISO 4217 code in capitals, was 'EURO'");
    assertRefused(
        ReferenceKind.FX_RATES,
        "{\"currency\":\"EUR\"}",
        "missing-field",
        "required field 'perUnitInReporting' is missing");
    Checked huge =
        check(ReferenceKind.FX_RATES, "{\"currency\":\"EUR\",\"perUnitInReporting\":1e13}");
    assertThat(((Checked.Refused) huge).reason()).isEqualTo("wrong-type");
  }

  private Checked check(ReferenceKind kind, String json) {
    return checks.check(kind, json.getBytes(StandardCharsets.UTF_8));
  }

  private void assertRefused(ReferenceKind kind, String json, String reason, String detail) {
    Checked checked = check(kind, json);
    assertThat(checked).isInstanceOf(Checked.Refused.class);
    assertThat(((Checked.Refused) checked).reason()).isEqualTo(reason);
    assertThat(((Checked.Refused) checked).detail()).isEqualTo(detail);
  }
}
