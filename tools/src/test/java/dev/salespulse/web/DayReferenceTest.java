package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salespulse.tools.simulate.EventGenerator;
import dev.salespulse.tools.simulate.SalesFloor;
import dev.salespulse.tools.simulate.SimulatedRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks of {@link DayReference} without a running service: by hand-computed examples, against the
 * separately written {@link ReferenceTotals} for what both know, and for the sums that hold between
 * scope kinds, on simulated days the size of {@code CrashRecoveryTest}'s.
 */
class DayReferenceTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  private static final int REPS = 20;
  private static final int EVENTS = 36_000;

  /** The contract counts distinct customers exactly up to this many per bucket. */
  private static final int EXACT_CUSTOMERS = 10_000;

  private static final String ROSTER =
      """
      {"repId":"rep-1","name":"Ada","teamId":"team-north","region":"EMEA","active":true}""";

  @Test
  void aPartialRefundOverTwoCategoriesIsSplitByLargestRemainder() {
    DayReference reference = new DayReference(ZoneOffset.UTC);
    reference.roster(ROSTER);
    reference.order(
        """
        {"eventId":"e-1","type":"ORDER_PLACED","orderId":"o-1",\
        "occurredAt":"2026-11-24T09:00:00Z","repId":"rep-1","customerId":"c-1",\
        "channel":"phone","currency":"USD","amount":100.00,"lines":[\
        {"sku":"a","category":"software","quantity":3,"unitPrice":20.00},\
        {"sku":"b","category":"services","quantity":1,"unitPrice":40.00}]}""");
    reference.order(
        """
        {"eventId":"e-2","type":"ORDER_REFUNDED","orderId":"o-1",\
        "occurredAt":"2026-11-24T10:00:00Z","repId":"rep-1","customerId":"c-1",\
        "channel":"phone","currency":"USD","amount":10.01}""");

    // 10.01 of 100.00: software 6.006 -> 6.00, services 4.004 -> 4.00; the cent left goes to
    // software, whose remainder is larger.
    assertThat(reference.kpis("category:software", DAY))
        .containsEntry("revenue", new BigDecimal("53.99"))
        .containsEntry("grossRevenue", new BigDecimal("60.00"))
        .containsEntry("units", 3L)
        .containsEntry("orders", 1L)
        .containsEntry("refundRate", new BigDecimal("0.1002"));
    assertThat(reference.kpis("category:services", DAY))
        .containsEntry("revenue", new BigDecimal("36.00"))
        .containsEntry("refundRate", new BigDecimal("0.1000"));
    for (String scope :
        List.of("company:all", "region:EMEA", "team:team-north", "rep:rep-1", "channel:phone")) {
      assertThat(reference.kpis(scope, DAY))
          .as(scope)
          .containsEntry("revenue", new BigDecimal("89.99"))
          .containsEntry("grossRevenue", new BigDecimal("100.00"))
          .containsEntry("orders", 1L)
          .containsEntry("units", 4L)
          .containsEntry("aov", new BigDecimal("100.00"))
          .containsEntry("refundRate", new BigDecimal("0.1001"))
          .containsEntry("connectRate", null)
          .containsEntry("customers", 1L)
          .containsEntry("newCustomers", 1L)
          .containsEntry("repeatRate", new BigDecimal("0.0000"));
    }
  }

  @Test
  void refusesWhatItDoesNotModel() {
    DayReference reference = new DayReference(ZoneOffset.UTC);
    reference.roster(ROSTER);
    assertThatThrownBy(
            () ->
                reference.order(
                    """
                    {"eventId":"e-1","type":"ORDER_PLACED","orderId":"o-1",\
                    "occurredAt":"2026-11-24T09:00:00Z","repId":"rep-1",\
                    "currency":"EUR","amount":10.00}"""))
        .hasMessageContaining("EUR");
    assertThatThrownBy(
            () ->
                reference.order(
                    """
                    {"eventId":"e-2","type":"ORDER_CANCELLED","orderId":"o-9",\
                    "occurredAt":"2026-11-24T09:00:00Z","repId":"rep-1",\
                    "currency":"USD","amount":10.00}"""))
        .hasMessageContaining("o-9");
  }

  @ParameterizedTest
  @ValueSource(longs = {1L, 42L, 2026L})
  void agreesWithReferenceTotalsAndItsScopeKindsAddUp(long seed) {
    EventGenerator generator =
        new EventGenerator(SalesFloor.generate(REPS, seed), ZoneOffset.UTC, seed);
    DayReference reference = new DayReference(ZoneOffset.UTC);
    ReferenceTotals totals = new ReferenceTotals();
    for (SimulatedRecord entry : generator.roster()) {
      reference.roster(entry.json());
      totals.roster(entry.json());
    }
    for (SimulatedRecord event : generator.day(DAY, EVENTS)) {
      if (event.topicKind().equals(SimulatedRecord.ORDERS)) {
        reference.order(event.json());
        totals.order(event.json());
      } else {
        reference.activity(event.json());
        totals.activity(event.json());
      }
    }

    assertThat(reference.scopesOn("rep", DAY)).hasSize(REPS);
    assertThat(reference.scopesOn("channel", DAY)).hasSize(4);
    assertThat(reference.scopesOn("category", DAY)).hasSizeGreaterThan(1);
    assertThat(reference.exercised())
        .containsKeys("order cancelled", "order refunded partly", "order over several categories");
    for (String kind : List.of("company", "team", "rep")) {
      for (String scope : reference.scopesOn(kind, DAY)) {
        Map<String, Object> kpis = reference.kpis(scope, DAY);
        ReferenceTotals.Totals day = totals.of(scope, DAY);
        assertThat((BigDecimal) kpis.get("revenue")).as(scope).isEqualByComparingTo(day.revenue());
        assertThat(kpis).as(scope).containsEntry("orders", day.orders());
        assertThat(kpis).as(scope).containsEntry("calls", day.calls());
      }
    }
    for (String scope : reference.scopes()) {
      assertThat((Long) reference.kpis(scope, DAY).get("customers"))
          .as("distinct customers of %s, exact in the service up to %d", scope, EXACT_CUSTOMERS)
          .isLessThanOrEqualTo(EXACT_CUSTOMERS);
    }

    Map<String, Object> company = reference.kpis(DayReference.COMPANY, DAY);
    List<String> everything =
        List.of(
            "revenue",
            "grossRevenue",
            "orders",
            "units",
            "calls",
            "emails",
            "meetings",
            "demos",
            "leads",
            "dealsWon",
            "dealsLost");
    assertThat(sum(reference, "region", everything)).isEqualTo(pick(company, everything));
    assertThat(sum(reference, "team", everything)).isEqualTo(pick(company, everything));
    assertThat(sum(reference, "rep", everything)).isEqualTo(pick(company, everything));
    List<String> ofOrders = List.of("revenue", "grossRevenue", "orders", "units");
    assertThat(sum(reference, "channel", ofOrders)).isEqualTo(pick(company, ofOrders));
    // An order counts once in each of its categories, so category orders may add up to more.
    List<String> ofLines = List.of("revenue", "grossRevenue", "units");
    assertThat(sum(reference, "category", ofLines)).isEqualTo(pick(company, ofLines));
  }

  /** The named additive KPIs summed over the scopes of a kind, as plain numbers. */
  private static Map<String, BigDecimal> sum(
      DayReference reference, String kind, List<String> kpis) {
    Map<String, BigDecimal> sums = new HashMap<>();
    kpis.forEach(kpi -> sums.put(kpi, BigDecimal.ZERO));
    for (String scope : reference.scopesOn(kind, DAY)) {
      pick(reference.kpis(scope, DAY), kpis)
          .forEach((kpi, v) -> sums.merge(kpi, v, BigDecimal::add));
    }
    return Map.copyOf(sums);
  }

  private static Map<String, BigDecimal> pick(Map<String, Object> values, List<String> kpis) {
    Map<String, BigDecimal> picked = new HashMap<>();
    for (String kpi : kpis) {
      Object value = values.get(kpi);
      picked.put(
          kpi,
          (value instanceof Long count ? BigDecimal.valueOf(count) : (BigDecimal) value)
              .setScale(2));
    }
    return Map.copyOf(picked);
  }
}
