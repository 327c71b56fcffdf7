package dev.salespulse.streams.topology;

import static dev.salespulse.streams.testing.ActivityEventBuilder.aCall;
import static dev.salespulse.streams.testing.ActivityEventBuilder.anEmail;
import static dev.salespulse.streams.testing.Kpis.totals;
import static dev.salespulse.streams.testing.OrderEventBuilder.anOrder;
import static dev.salespulse.streams.testing.Reps.ADA;
import static dev.salespulse.streams.testing.Reps.BEN;
import static dev.salespulse.streams.testing.Reps.CHO;
import static dev.salespulse.streams.testing.Reps.ZED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.salespulse.streams.config.SalesPulseConfig;
import dev.salespulse.streams.stores.StoreNames;
import dev.salespulse.streams.testing.TopologyHarness;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The KPI rules of the topology: which scopes an event counts in, exact sums, roster enrichment,
 * business-day and minute buckets, and the coalesced {@code sales.kpi-changes} feed. Corrections,
 * duplicates, currencies and dead letters have their own test classes next to this one.
 */
class SalesPulseTopologyTest {
  private static final String TODAY = "2026-11-26";
  private static final Instant T1 = Instant.parse("2026-11-26T14:01:00Z");
  private static final Instant T2 = Instant.parse("2026-11-26T14:02:00Z");
  private static final Instant T3 = Instant.parse("2026-11-26T14:03:00Z");
  private static final Instant T4 = Instant.parse("2026-11-26T14:04:00Z");

  private TopologyHarness harness;

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void shouldNameEveryOperatorAndStore() {
    SalesPulseConfig defaults = SalesPulseConfig.defaults();
    String description =
        SalesPulseTopology.build(defaults.kafka(), defaults.reporting(), new SimpleMeterRegistry())
            .describe()
            .toString();

    assertThat(description).doesNotContain("KSTREAM-", "KTABLE-");
    assertThat(description)
        .contains(
            StoreNames.KPI_DAY,
            StoreNames.KPI_MINUTE,
            StoreNames.ORDERS,
            StoreNames.ORDER_DEDUP,
            StoreNames.ACTIVITY_DEDUP,
            StoreNames.REPS,
            StoreNames.FX_RATES);
  }

  @Test
  void shouldSumRevenueOrdersAndCallsExactlyPerScope() {
    harness = TopologyHarness.start().roster(ADA, BEN, CHO);

    harness.send(
        anOrder().rep(ADA).channel("phone").amount("1250.50").at(T1),
        anOrder().rep(ADA).channel("web").amount("99.99").at(T2),
        anOrder().rep(BEN).channel("phone").amount("0.01").at(T3),
        anOrder().rep(CHO).channel("phone").amount("500.00").at(T4));
    harness.send(
        aCall().rep(ADA).at(T1),
        aCall().rep(ADA).at(T2),
        aCall().rep(ADA).at(T3),
        anEmail().rep(ADA).at(T3));

    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("1850.50", 4, 3, T4));
    assertThat(harness.day("team:team-north", TODAY)).isEqualTo(totals("1350.50", 3, 3, T3));
    assertThat(harness.day("team:team-south", TODAY)).isEqualTo(totals("500.00", 1, 0, T4));
    assertThat(harness.day("rep:rep-ada", TODAY)).isEqualTo(totals("1350.49", 2, 3, T3));
    assertThat(harness.day("rep:rep-ben", TODAY)).isEqualTo(totals("0.01", 1, 0, T3));
    assertThat(harness.day("region:EMEA", TODAY)).isEqualTo(totals("1350.50", 3, 3, T3));
    assertThat(harness.day("region:AMER", TODAY)).isEqualTo(totals("500.00", 1, 0, T4));
    assertThat(harness.day("channel:phone", TODAY)).isEqualTo(totals("1750.51", 3, 0, T4));
    assertThat(harness.day("channel:web", TODAY)).isEqualTo(totals("99.99", 1, 0, T2));
  }

  @Test
  void shouldCountActivitiesWithoutChannelScope() {
    harness = TopologyHarness.start().roster(ADA);

    harness.send(aCall().rep(ADA).at(T1), anEmail().rep(ADA).at(T2));

    assertThat(harness.day("rep:rep-ada", TODAY)).isEqualTo(totals("0.00", 0, 1, T2));
    assertThat(harness.day("channel:phone", TODAY)).isNull();
  }

  @Test
  void shouldTakeTeamAndRegionFromTheRoster() {
    harness = TopologyHarness.start().roster(CHO);

    harness.send(anOrder().rep(CHO).amount("42.00").at(T1));
    harness.send(aCall().rep(CHO).at(T2));

    assertThat(harness.day("team:team-south", TODAY)).isEqualTo(totals("42.00", 1, 1, T2));
    assertThat(harness.day("region:AMER", TODAY)).isEqualTo(totals("42.00", 1, 1, T2));
    assertThat(harness.day("team:unassigned", TODAY)).isNull();
  }

  @Test
  void shouldCountRepMissingFromRosterUnderUnassignedTeamAndRegion() {
    harness = TopologyHarness.start().roster(ADA);

    harness.send(anOrder().rep(ZED).amount("10.00").at(T1));
    harness.send(aCall().rep(ZED).at(T2));

    assertThat(harness.day("rep:rep-zed", TODAY)).isEqualTo(totals("10.00", 1, 1, T2));
    assertThat(harness.day("team:unassigned", TODAY)).isEqualTo(totals("10.00", 1, 1, T2));
    assertThat(harness.day("region:unassigned", TODAY)).isEqualTo(totals("10.00", 1, 1, T2));
    assertThat(harness.day("team:team-ghost", TODAY)).isNull();
  }

  @Test
  void shouldPreferTheEventsOwnTeamAndRegionOverTheRoster() {
    harness = TopologyHarness.start().roster(ADA);

    harness.send(anOrder().rep(ADA).team("team-east").amount("30.00").at(T1));
    harness.send(aCall().rep(ADA).region("APAC").at(T2));

    assertThat(harness.day("team:team-east", TODAY)).isEqualTo(totals("30.00", 1, 0, T1));
    assertThat(harness.day("region:EMEA", TODAY)).isEqualTo(totals("30.00", 1, 0, T1));
    assertThat(harness.day("team:team-north", TODAY)).isEqualTo(totals("0.00", 0, 1, T2));
    assertThat(harness.day("region:APAC", TODAY)).isEqualTo(totals("0.00", 0, 1, T2));
  }

  @Test
  void shouldUseTheRosterAsItIsWhenTheEventArrives() {
    harness = TopologyHarness.start();

    harness.send(anOrder().rep(ADA).amount("1.00").at(T1));
    harness.roster(ADA);
    harness.send(anOrder().rep(ADA).amount("2.00").at(T2));

    assertThat(harness.day("team:unassigned", TODAY)).isEqualTo(totals("1.00", 1, 0, T1));
    assertThat(harness.day("team:team-north", TODAY)).isEqualTo(totals("2.00", 1, 0, T2));
  }

  @Test
  void shouldTreatAnUnreadableRosterEntryAsMissing() {
    harness = TopologyHarness.start();
    harness.rosterEntry(
        ADA.id(), "{\"repId\":\"rep-ada\",\"teamId\":\"team-north\",\"score\":1e2147483648}");

    harness.send(anOrder().rep(ADA).amount("8.00").at(T1));

    assertThat(harness.day("team:unassigned", TODAY)).isEqualTo(totals("8.00", 1, 0, T1));
  }

  @Test
  void shouldBucketByBusinessDayInNewYork() {
    Instant eveningInNewYork = Instant.parse("2026-11-27T03:30:00Z");
    harness = TopologyHarness.start("America/New_York", TopologyHarness.WALL_CLOCK_START);

    harness.send(anOrder().amount("75.25").at(eveningInNewYork));

    assertThat(harness.day("company:all", "2026-11-26"))
        .isEqualTo(totals("75.25", 1, 0, eveningInNewYork));
    assertThat(harness.day("company:all", "2026-11-27")).isNull();
  }

  @Test
  void shouldBucketByBusinessDayInBerlin() {
    Instant afterMidnightInBerlin = Instant.parse("2026-11-26T23:30:00Z");
    harness = TopologyHarness.start("Europe/Berlin", TopologyHarness.WALL_CLOCK_START);

    harness.send(anOrder().amount("75.25").at(afterMidnightInBerlin));

    assertThat(harness.day("company:all", "2026-11-27"))
        .isEqualTo(totals("75.25", 1, 0, afterMidnightInBerlin));
    assertThat(harness.day("company:all", "2026-11-26")).isNull();
  }

  @Test
  void shouldSumEventsOfTheSameMinuteAndKeepOtherMinutesApart() {
    harness = TopologyHarness.start().roster(ADA);
    Instant minute = Instant.parse("2026-11-26T14:03:00Z");
    Instant nextMinute = minute.plus(Duration.ofMinutes(1));

    harness.send(
        anOrder().amount("10.10").at(minute.plusSeconds(5)),
        anOrder().amount("20.20").at(minute.plusSeconds(59)),
        anOrder().amount("5.00").at(nextMinute));
    harness.send(aCall().at(minute.plusSeconds(30)));

    assertThat(harness.minutes("rep:rep-ada", minute.minusSeconds(3600), nextMinute))
        .containsExactly(
            KeyValue.pair(minute, totals("30.30", 2, 1, minute.plusSeconds(59))),
            KeyValue.pair(nextMinute, totals("5.00", 1, 0, nextMinute)));
    assertThat(harness.minute("company:all", minute))
        .isEqualTo(totals("30.30", 2, 1, minute.plusSeconds(59)));
  }

  @Test
  void shouldCountAnOutOfOrderEventInItsOwnMinute() {
    harness = TopologyHarness.start();
    Instant earlier = Instant.parse("2026-11-26T13:55:00Z");

    harness.send(anOrder().amount("1.00").at(T4), anOrder().amount("2.00").at(earlier));

    assertThat(harness.minute("company:all", earlier)).isEqualTo(totals("2.00", 1, 0, earlier));
    assertThat(harness.minute("company:all", T4)).isEqualTo(totals("1.00", 1, 0, T4));
  }

  @Test
  void shouldKeepCountingDayBucketsForEventsOlderThanTheMinuteRetention() {
    harness = TopologyHarness.start();
    Instant threeDaysAgo = Instant.parse("2026-11-23T10:00:00Z");

    harness.send(anOrder().amount("1.00").at(T1), anOrder().amount("2.00").at(threeDaysAgo));

    assertThat(harness.minute("company:all", threeDaysAgo)).isNull();
    assertThat(harness.day("company:all", "2026-11-23"))
        .isEqualTo(totals("2.00", 1, 0, threeDaysAgo));
  }

  @Test
  void shouldNotLetAnEventStampedInTheFutureExpireTodaysMinuteBuckets() {
    harness = TopologyHarness.start();
    Instant threeDaysAhead = Instant.parse("2026-11-29T14:00:00Z");

    harness.send(anOrder().amount("5.00").at(threeDaysAhead), anOrder().amount("1.00").at(T1));

    assertThat(harness.minute("company:all", T1)).isEqualTo(totals("1.00", 1, 0, T1));
  }

  @Test
  void shouldDropDayBucketsOlderThanFourHundredDaysOnTheHourlyCleanUp() {
    harness = TopologyHarness.start();
    // Just inside the 400 days when it arrives (wall clock 2026-11-26T15:00Z), so it is counted.
    Instant justKept = T1.minus(Duration.ofDays(400)).plus(Duration.ofHours(1));
    Instant nextDay = Instant.parse("2026-11-27T00:30:00Z");
    harness.send(anOrder().amount("2.00").at(justKept), anOrder().amount("1.00").at(T1));
    assertThat(harness.day("company:all", "2025-10-22")).isNotNull();

    harness.advanceWallClock(Duration.ofHours(10));
    harness.send(anOrder().amount("4.00").at(nextDay));
    harness.advanceWallClock(Duration.ofHours(1));

    assertThat(harness.day("company:all", "2025-10-22")).isNull();
    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("1.00", 1, 0, T1));
    assertThat(harness.day("company:all", "2026-11-27")).isEqualTo(totals("4.00", 1, 0, nextDay));
  }

  @Test
  void shouldPublishOneCoalescedChangePerScopeAndDayEachPublishInterval() {
    harness = TopologyHarness.start().roster(ADA);
    Instant yesterday = Instant.parse("2026-11-25T16:00:00Z");

    // Two minutes of today and one of yesterday: three deltas per scope reach the buckets.
    harness.send(
        anOrder().rep(ADA).amount("1250.50").at(T1),
        anOrder().rep(ADA).amount("99.99").at(T2),
        anOrder().rep(ADA).amount("0.01").at(yesterday));
    harness.advanceWallClock(BucketProcessor.PUBLISH_INTERVAL);

    assertThat(harness.kpiChanges())
        .extracting(TestRecord::key, TestRecord::value)
        .containsExactlyInAnyOrder(
            change("company:all", TODAY, "1350.49", 2, 0, T2),
            change("region:EMEA", TODAY, "1350.49", 2, 0, T2),
            change("team:team-north", TODAY, "1350.49", 2, 0, T2),
            change("rep:rep-ada", TODAY, "1350.49", 2, 0, T2),
            change("company:all", "2026-11-25", "0.01", 1, 0, yesterday),
            change("region:EMEA", "2026-11-25", "0.01", 1, 0, yesterday),
            change("team:team-north", "2026-11-25", "0.01", 1, 0, yesterday),
            change("rep:rep-ada", "2026-11-25", "0.01", 1, 0, yesterday));
  }

  @Test
  void shouldPublishOnlyWhatChangedSinceTheLastSecond() {
    harness = TopologyHarness.start().roster(CHO);
    harness.send(anOrder().rep(CHO).amount("5.00").at(T1));
    harness.advanceWallClock(Duration.ofSeconds(1));
    harness.kpiChanges();

    harness.advanceWallClock(Duration.ofSeconds(1));
    assertThat(harness.kpiChanges()).isEmpty();

    harness.send(aCall().rep(CHO).at(T2));
    harness.advanceWallClock(Duration.ofSeconds(1));
    assertThat(harness.kpiChanges())
        .extracting(TestRecord::key, TestRecord::value)
        .containsExactlyInAnyOrder(
            change("company:all", TODAY, "5.00", 1, 1, T2),
            change("region:AMER", TODAY, "5.00", 1, 1, T2),
            change("team:team-south", TODAY, "5.00", 1, 1, T2),
            change("rep:rep-cho", TODAY, "5.00", 1, 1, T2));
  }

  @Test
  void shouldReadAndWriteTheTopicsWithTheConfiguredPrefix() {
    harness =
        TopologyHarness.start(
            Map.of("SALESPULSE_TOPIC_PREFIX", "acme."), TopologyHarness.WALL_CLOCK_START);

    harness.send(anOrder().amount("3.00").at(T1), anOrder().amount("-3.00").at(T2));
    harness.advanceWallClock(Duration.ofSeconds(1));

    assertThat(harness.day("company:all", TODAY)).isEqualTo(totals("3.00", 1, 0, T1));
    assertThat(harness.deadLetters())
        .extracting(r -> TopologyHarness.header(r.headers(), "x-source-topic"))
        .containsExactly("acme.sales.orders");
    assertThat(harness.kpiChanges()).extracting(TestRecord::key).contains("company:all|" + TODAY);
  }

  private static Tuple change(
      String scope, String date, String revenue, long orders, long calls, Instant asOf) {
    String json =
        "{\"scope\":\"%s\",\"bucket\":\"day\",\"date\":\"%s\",\"revenue\":%s,\"orders\":%d,"
            + "\"calls\":%d,\"asOf\":\"%s\"}";
    return tuple(
        scope + "|" + date, String.format(json, scope, date, revenue, orders, calls, asOf));
  }
}
