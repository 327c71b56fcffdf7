package dev.salespulse.streams.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.stores.KpiTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * The KPI engine against its reference model: random sequences of valid, duplicate, out-of-order,
 * cancelled and refunded events ({@link EventSequences}) go through the production topology and
 * through {@link ReferenceModel}; every counter of every day and minute bucket of every scope, and
 * the dead letters in order, must be exactly the same.
 *
 * <p>jqwik only draws the seeds (its own shrinking of a seed would just try other sequences). When
 * a sequence fails, the test drops inputs for as long as the disagreement stays (delta debugging),
 * and reports the smallest failing sequence with the differences field by field. To replay one, put
 * the {@code seed} jqwik prints on the {@code @Property}.
 */
class TopologyMatchesReferenceModelTest {
  private static final int MAX_SHRINK_RUNS = 500;

  /** Rules every run must exercise in a fair share of its sequences (a generator check). */
  private static final List<String> RULES =
      List.of(
          "duplicate dropped",
          "converted order",
          "cancellation",
          "full refund",
          "partial refund of categories",
          "unassigned team",
          "minute bucket expired",
          "half-cent tie",
          "daylight-saving day",
          "unknown-order",
          "order-cancelled",
          "refund-exceeds-order",
          "duplicate-order",
          "unknown-currency");

  @Property(tries = 400, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
  @StatisticsReport(onFailureOnly = true)
  void topologyCountsExactlyWhatTheReferenceModelCounts(
      @ForAll("sequences") EventSequence sequence) {
    collectRulesExercised(sequence);

    List<String> differences = differences(sequence);

    if (!differences.isEmpty()) {
      EventSequence smallest = shrink(sequence);
      assertThat(differences(smallest))
          .as(
              "topology and reference model disagree; smallest failing sequence (%d of %d"
                  + " inputs):%n%s",
              smallest.inputs().size(), sequence.inputs().size(), smallest.describe())
          .isEmpty();
    }
    assertThat(differences).as(sequence.describe()).isEmpty();
  }

  /**
   * The same with production's record cache, which the harness otherwise leaves out: the ingest's
   * buffer sent on inside each commit ({@code CommitHook}, which without a cache sends each
   * record's sums at once). Fewer tries: the path under test is the cache's, not the rules'.
   */
  @Property(tries = 100, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
  void withTheRecordCacheTheTopologyStillCountsExactlyWhatTheModelCounts(
      @ForAll("sequences") EventSequence sequence) {
    assertThat(differences(sequence, TopologyRun::withRecordCache))
        .as(sequence.describe())
        .isEmpty();
  }

  /**
   * The same as a backlog: with the record cache and no flush a trickle's, so that the buckets hold
   * what changed in memory and put it once per commit ({@code PendingBuckets}), as in a catch-up.
   * Through the driver, which commits after every record, one event is otherwise always a trickle
   * and its buckets are put at once.
   */
  @Property(tries = 100, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
  void asABacklogTheTopologyStillCountsExactlyWhatTheModelCounts(
      @ForAll("sequences") EventSequence sequence) {
    assertThat(differences(sequence, TopologyRun::asBacklog)).as(sequence.describe()).isEmpty();
  }

  /**
   * Found by the property (shrunk from 30 inputs): a partial refund of an order whose categories
   * count nothing (a line at 0.00) took nothing back from them, as it should, but did not touch
   * their buckets either, unlike a full refund, a cancellation or a share that rounds to zero.
   */
  @Example
  void shouldTouchCategoriesThatCountNothingOnAPartialRefund() {
    Instant placed = Instant.parse("2026-10-31T00:21:25Z");
    Instant refunded = Instant.parse("2026-10-31T06:19:31Z");
    Input.Placed order =
        new Input.Placed(
            "e-1",
            "o-1",
            placed,
            placed.toString(),
            "rep-1",
            Optional.empty(),
            Optional.empty(),
            Optional.of("c-5"),
            Optional.empty(),
            "USD",
            "3082.30",
            false,
            List.of(new Input.Line("SKU-1", Optional.of("hardware"), 5, "0.00")));
    Input.Refunded refund =
        new Input.Refunded("e-2", "o-1", refunded, refunded.toString(), "1954.65");
    EventSequence sequence =
        new EventSequence(0, "UTC", refunded.plus(Duration.ofDays(1)), List.of(order, refund));

    assertThat(ReferenceModel.expected(sequence).days().get("2026-10-31|category:hardware"))
        .extracting(KpiTotals::lastEventMs, KpiTotals::reversedMinor)
        .containsExactly(refunded.toEpochMilli(), 0L);
    assertThat(differences(sequence)).as(sequence.describe()).isEmpty();
  }

  @Provide
  Arbitrary<EventSequence> sequences() {
    return Arbitraries.longs().map(EventSequences::generate);
  }

  private static void collectRulesExercised(EventSequence sequence) {
    Set<String> exercised = ReferenceModel.features(sequence);
    for (String rule : RULES) {
      Statistics.label(rule).collect(exercised.contains(rule));
      Statistics.label(rule)
          .coverage(checker -> checker.check(true).percentage(share -> share >= 5));
    }
  }

  /** Expected (model) against actual (topology); a crash of either is a difference too. */
  private static List<String> differences(EventSequence sequence) {
    return differences(sequence, TopologyRun::actual);
  }

  private static List<String> differences(
      EventSequence sequence, Function<EventSequence, Outcome> topology) {
    try {
      return ReferenceModel.expected(sequence).differencesFrom(topology.apply(sequence));
    } catch (RuntimeException e) {
      return List.of("exception: " + e);
    }
  }

  /**
   * Removes chunks of inputs, halving the chunk size down to single inputs, keeping each removal
   * after which the sequence still fails. Removing an input always leaves a valid sequence: a
   * correction whose order is gone is an {@code unknown-order} for both sides.
   */
  private static EventSequence shrink(EventSequence failing) {
    List<Input> inputs = failing.inputs();
    int runs = 0;
    int chunk = Math.max(1, inputs.size() / 2);
    while (runs < MAX_SHRINK_RUNS) {
      boolean removed = false;
      int start = 0;
      while (start < inputs.size() && runs < MAX_SHRINK_RUNS) {
        List<Input> fewer = new ArrayList<>(inputs.subList(0, start));
        fewer.addAll(inputs.subList(Math.min(inputs.size(), start + chunk), inputs.size()));
        runs++;
        if (!differences(failing.withInputs(fewer)).isEmpty()) {
          inputs = fewer;
          removed = true;
        } else {
          start += chunk;
        }
      }
      if (chunk == 1 && !removed) {
        break;
      }
      chunk = Math.max(1, chunk / 2);
    }
    return failing.withInputs(inputs);
  }
}
