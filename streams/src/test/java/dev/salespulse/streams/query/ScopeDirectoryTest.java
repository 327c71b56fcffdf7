package dev.salespulse.streams.query;

import static dev.salespulse.streams.testing.ActivityEventBuilder.aCall;
import static dev.salespulse.streams.testing.OrderEventBuilder.anOrder;
import static dev.salespulse.streams.testing.Reps.ADA;
import static dev.salespulse.streams.testing.Reps.BEN;
import static dev.salespulse.streams.testing.Reps.CHO;
import static dev.salespulse.streams.testing.Reps.ZED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.salespulse.streams.query.ScopeDirectory.Entry;
import dev.salespulse.streams.testing.TopologyHarness;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The known scopes of a kind with display names: everything the roster names (reps, teams, regions)
 * plus every scope with recent events.
 */
class ScopeDirectoryTest {
  private static final Instant NOW = TopologyHarness.WALL_CLOCK_START;
  private static final Instant TODAY = Instant.parse("2026-11-26T10:00:00Z");

  private TopologyHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void shouldListRosterRepsWithTheirNamesTeamsAndRegionsEvenWithoutEvents() {
    harness = TopologyHarness.start().roster(CHO, ADA, BEN);

    assertThat(harness.scopes(NOW).scopes("rep"))
        .containsExactly(
            new Entry("rep:rep-ada", "Ada Park", "team:team-north", "region:EMEA"),
            new Entry("rep:rep-ben", "Ben Okafor", "team:team-north", "region:EMEA"),
            new Entry("rep:rep-cho", "Cho Min", "team:team-south", "region:AMER"));
  }

  @Test
  void shouldListARepKnownOnlyFromItsEventsByItsId() {
    harness = TopologyHarness.start().roster(ADA);
    harness.send(aCall().rep(ZED).at(TODAY));

    assertThat(harness.scopes(NOW).scopes("rep"))
        .containsExactly(
            new Entry("rep:rep-ada", "Ada Park", "team:team-north", "region:EMEA"),
            new Entry("rep:rep-zed", "rep-zed"));
  }

  @Test
  void shouldListTeamsFromTheRosterAndFromEvents() {
    harness = TopologyHarness.start().roster(ADA, BEN, CHO);
    harness.send(
        anOrder().rep(ZED).team("team-ghost").at(TODAY), anOrder().repId("rep-new").at(TODAY));

    assertThat(harness.scopes(NOW).scopes("team"))
        .containsExactly(
            new Entry("team:team-ghost", "Ghost"),
            new Entry("team:team-north", "North"),
            new Entry("team:team-south", "South"),
            new Entry("team:unassigned", "Unassigned"));
  }

  @Test
  void shouldListRegionsFromTheRosterAndFromEvents() {
    harness = TopologyHarness.start().roster(ADA, BEN, CHO);
    harness.send(aCall().rep(ZED).region("APAC").at(TODAY), aCall().repId("rep-new").at(TODAY));

    assertThat(harness.scopes(NOW).scopes("region"))
        .containsExactly(
            new Entry("region:AMER", "AMER"),
            new Entry("region:APAC", "APAC"),
            new Entry("region:EMEA", "EMEA"),
            new Entry("region:unassigned", "unassigned"));
  }

  @Test
  void shouldListChannelsFromOrdersOnly() {
    harness = TopologyHarness.start().roster(ADA, BEN, CHO);
    harness.send(
        anOrder().channel("web").at(TODAY),
        anOrder().channel("phone").at(TODAY),
        anOrder().channel("web").at(TODAY),
        anOrder().at(TODAY));

    assertThat(harness.scopes(NOW).scopes("channel"))
        .containsExactly(new Entry("channel:phone", "phone"), new Entry("channel:web", "web"));
  }

  @Test
  void shouldListCategoriesOfOrderLines() {
    harness = TopologyHarness.start();
    harness.send(
        anOrder()
            .amount("30.00")
            .with(
                "lines",
                "[{\"category\":\"services\",\"quantity\":1,\"unitPrice\":10},"
                    + "{\"category\":\"hardware\",\"quantity\":1,\"unitPrice\":20}]")
            .at(TODAY));

    assertThat(harness.scopes(NOW).scopes("category"))
        .containsExactly(
            new Entry("category:hardware", "hardware"), new Entry("category:services", "services"));
  }

  @Test
  void shouldListNothingForAKindWithoutRosterOrEvents() {
    harness = TopologyHarness.start().roster(ADA);

    assertThat(harness.scopes(NOW).scopes("channel")).isEmpty();
  }

  @Test
  void shouldAlwaysListTheCompany() {
    harness = TopologyHarness.start();

    assertThat(harness.scopes(NOW).scopes("company"))
        .containsExactly(new Entry("company:all", "Company"));
  }

  @Test
  void shouldListScopesWithEventsInTheLastFiveWeeksOnly() {
    harness = TopologyHarness.start();
    harness.send(
        anOrder().channel("fax").at("2026-10-17T10:00:00Z"),
        anOrder().channel("catalogue").at("2026-10-27T10:00:00Z"),
        anOrder().channel("web").at(TODAY));

    assertThat(harness.scopes(NOW).scopes("channel"))
        .containsExactly(
            new Entry("channel:catalogue", "catalogue"), new Entry("channel:web", "web"));
  }

  @Test
  void shouldListAScopeWhateverCharactersItsIdStartsWith() {
    // A channel starting with a character outside the Basic Multilingual Plane (4 bytes in UTF-8).
    harness = TopologyHarness.start();
    harness.send(
        anOrder().channel("\uD83E\uDD1Dpartner").at(TODAY), anOrder().channel("web").at(TODAY));

    assertThat(harness.scopes(NOW).scopes("channel"))
        .containsExactly(
            new Entry("channel:web", "web"),
            new Entry("channel:\uD83E\uDD1Dpartner", "\uD83E\uDD1Dpartner"));
  }

  @Test
  void shouldRejectAnUnknownDimension() {
    harness = TopologyHarness.start();
    ScopeDirectory scopes = harness.scopes(NOW);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> scopes.scopes("planet"))
        .withMessageContaining("planet");
    assertThatIllegalArgumentException().isThrownBy(() -> scopes.scopes("REP"));
    assertThatIllegalArgumentException().isThrownBy(() -> scopes.scopes(""));
  }
}
