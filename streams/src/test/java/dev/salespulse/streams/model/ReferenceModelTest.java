package dev.salespulse.streams.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.testing.Rep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The reference model on examples worked out by hand, so the property compares the topology with
 * something known to be right, not merely with something else.
 */
class ReferenceModelTest {
  private static final Rep ADA = new Rep("rep-ada", "Ada", "team-north", "EMEA");
  private static final Instant PLACED = Instant.parse("2026-11-26T10:00:30Z");
  private static final Instant LATER = Instant.parse("2026-11-26T11:00:30Z");
  private static final String DAY = "2026-11-26|";

  private int ids;

  @Test
  void shouldConvertHalfEvenToCents() {
    Outcome outcome =
        run(
            new Input.FxRate("EUR", "1.0837"),
            order("o-1", "EUR", "50.00", List.of()),
            order("o-2", "EUR", "150.00", List.of()));

    // 50.00 × 1.0837 = 54.185 → 54.18; 150.00 × 1.0837 = 162.555 → 162.56
    assertThat(outcome.days().get(DAY + "rep:rep-ada").grossMinor()).isEqualTo(5418 + 16256);
  }

  @Test
  void shouldSplitPartialRefundOverCategoriesByLargestRemainder() {
    Input.Placed order =
        order(
            "o-1",
            "USD",
            "100.00",
            List.of(
                line("hardware", "50.00"), line("software", "30.00"), line("services", "20.00")));

    Outcome outcome = run(order, refund("o-1", "33.33"));

    // 33.33 over 50/30/20: 16.665, 9.999, 6.666 → 16.66, 9.99, 6.66 and 2 cents left over, to the
    // largest remainders: software (.9) and services (.6).
    assertThat(reversed(outcome, "category:hardware")).isEqualTo(1666);
    assertThat(reversed(outcome, "category:software")).isEqualTo(1000);
    assertThat(reversed(outcome, "category:services")).isEqualTo(667);
    assertThat(reversed(outcome, "company:all")).isEqualTo(3333);
  }

  @Test
  void shouldGiveATiedCentToTheSmallerCategoryName() {
    Input.Placed order =
        order(
            "o-1", "USD", "100.00", List.of(line("software", "50.00"), line("hardware", "50.00")));

    Outcome outcome = run(order, refund("o-1", "0.01"));

    assertThat(reversed(outcome, "category:hardware")).isEqualTo(1);
    assertThat(reversed(outcome, "category:software")).isZero();
  }

  @Test
  void shouldRoundTheCategoriesShareHalfEven() {
    // The categories count 10.00 of an order of 40.00: a refund of 0.02 is a share of 0.005 → 0.00,
    // one of 0.06 a share of 0.015 → 0.02.
    Input.Placed order = order("o-1", "USD", "40.00", List.of(line("hardware", "10.00")));

    assertThat(reversed(run(order, refund("o-1", "0.02")), "category:hardware")).isZero();
    assertThat(reversed(run(order, refund("o-1", "0.06")), "category:hardware")).isEqualTo(2);
  }

  @Test
  void shouldTakeBackExactlyWhatIsLeftOnAFullRefund() {
    Input.Placed order =
        order("o-1", "EUR", "10.00", List.of(line("hardware", "3.33"), line("software", "6.67")));

    Outcome outcome =
        run(new Input.FxRate("EUR", "1.125"), order, refund("o-1", "3.33"), refund("o-1", "6.67"));

    for (String scope : List.of("company:all", "category:hardware", "category:software")) {
      KpiTotals totals = outcome.days().get(DAY + scope);
      assertThat(totals.revenueMinor()).as(scope).isZero();
      assertThat(totals.reversedMinor()).as(scope).isEqualTo(totals.grossMinor());
      assertThat(totals.placed()).as(scope).isEqualTo(1);
    }
  }

  @Test
  void shouldDeadLetterACancellationBeforeItsOrderButCountItsResend() {
    Input.Cancelled cancellation = new Input.Cancelled("e-c", "o-1", LATER, LATER.toString());
    Input.Placed order = order("o-1", "USD", "20.00", List.of());

    Outcome outcome = run(cancellation, order, cancellation, cancellation);

    assertThat(outcome.deadLetters()).containsExactly("o-1 unknown-order");
    assertThat(outcome.days().get(DAY + "company:all").orders()).isZero();
    assertThat(outcome.days().get(DAY + "company:all").cancelled()).isEqualTo(1);
  }

  @Test
  void shouldNotWriteMinuteBucketsOlderThan48HoursBeforeTheNewestEvent() {
    Instant twoDaysLater = PLACED.plus(Duration.ofHours(48)).plusSeconds(31);
    Input.Activity late = call(PLACED);

    Outcome outcome = run(call(twoDaysLater), late);

    assertThat(outcome.days()).containsKey(DAY + "rep:rep-ada");
    assertThat(outcome.minutes()).doesNotContainKey("2026-11-26T10:00:00Z|rep:rep-ada");
    assertThat(outcome.minutes()).containsKey("2026-11-28T10:01:00Z|rep:rep-ada");
  }

  @Test
  void shouldCountAnUnlistedRepUnderUnassignedAndConnectedOnlyOnCalls() {
    Input.Activity meeting =
        new Input.Activity(
            "a-m",
            "MEETING",
            PLACED,
            PLACED.toString(),
            "rep-zed",
            Optional.empty(),
            Optional.empty(),
            Optional.of("CONNECTED"),
            Optional.empty());

    KpiTotals team = run(meeting).days().get(DAY + "team:unassigned");

    assertThat(team.meetings()).isEqualTo(1);
    assertThat(team.connected()).isZero();
  }

  private Outcome run(Input... events) {
    List<Input> inputs = new ArrayList<>(List.of(new Input.RosterEntry(ADA)));
    inputs.addAll(List.of(events));
    return ReferenceModel.expected(
        new EventSequence(0, "UTC", PLACED.plus(Duration.ofDays(3)), inputs));
  }

  private static long reversed(Outcome outcome, String scope) {
    return outcome.days().get(DAY + scope).reversedMinor();
  }

  private Input.Placed order(
      String orderId, String currency, String amount, List<Input.Line> lines) {
    return new Input.Placed(
        "e-" + (++ids),
        orderId,
        PLACED,
        PLACED.toString(),
        ADA.id(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of("web"),
        currency,
        amount,
        false,
        lines);
  }

  private Input.Refunded refund(String orderId, String amount) {
    return new Input.Refunded("e-" + (++ids), orderId, LATER, LATER.toString(), amount);
  }

  private Input.Activity call(Instant at) {
    return new Input.Activity(
        "a-" + (++ids),
        "CALL",
        at,
        at.toString(),
        ADA.id(),
        Optional.empty(),
        Optional.empty(),
        Optional.of("CONNECTED"),
        Optional.empty());
  }

  private static Input.Line line(String category, String unitPrice) {
    return new Input.Line("SKU-1", Optional.of(category), 1, unitPrice);
  }
}
