package dev.salespulse.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.salespulse.streams.query.StoresUnavailableException;
import dev.salespulse.streams.topology.SalesPulseTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.internals.TaskMetadataImpl;
import org.apache.kafka.streams.processor.internals.ThreadMetadataImpl;
import org.junit.jupiter.api.Test;

/**
 * An answer adds up the instances' partial sums; it is only right when together they cover every
 * partition of the KPI stores once. While tasks move (an instance stopped, a rebalance), they may
 * not: what no part covers is read from this instance's own copies (standby replicas included), and
 * the answer is unavailable, not a smaller or doubled number, when it holds none.
 */
class PartitionCoverageTest {
  private static final Map<String, Integer> TOPICS =
      SalesPulseTopology.storeSourceTopics("app", 2, 3);
  private static final String DELTAS = "app-scope-deltas-repartition";
  private static final String CUSTOMERS = "app-customer-orders-repartition";

  private final AtomicReference<Set<ThreadMetadata>> threads = new AtomicReference<>(Set.of());
  private final PartitionCoverage coverage = new PartitionCoverage(threads::get, TOPICS);

  @Test
  void shouldTakeThePartitionCountsOfTheRepartitionTopicsFromTheInputs() {
    assertThat(TOPICS).isEqualTo(Map.of(DELTAS, 3, CUSTOMERS, 2));
  }

  @Test
  void shouldAddUpThePartsWhenTheyCoverEveryPartitionOnce() {
    PartitionCoverage.Plan plan =
        coverage.plan(
            List.of(
                Set.of(p(DELTAS, 0), p(DELTAS, 2), p(CUSTOMERS, 1)),
                Set.of(p(DELTAS, 1), p(CUSTOMERS, 0))));

    assertThat(plan.kept()).containsExactly(0, 1);
    assertThat(plan.fill()).isEmpty();
  }

  @Test
  void shouldReadAPartitionNoPartCoversFromThisInstancesStandbyCopy() {
    threads.set(
        Set.of(
            thread(
                "t-1",
                "RUNNING",
                Set.of(task(1, 0, tp(0))),
                Set.of(task(1, 1, tp(1)), task(2, 1, new TopicPartition(CUSTOMERS, 1))))));

    PartitionCoverage.Plan plan =
        coverage.plan(List.of(Set.of(p(DELTAS, 0), p(DELTAS, 2), p(CUSTOMERS, 0))));

    assertThat(plan.kept()).containsExactly(0);
    assertThat(plan.fill()).containsExactly(p(CUSTOMERS, 1), p(DELTAS, 1));
  }

  @Test
  void shouldBeUnavailableWhileAPartitionIsHeldByNothingReachable() {
    threads.set(Set.of(thread("t-1", "RUNNING", Set.of(), Set.of(task(1, 2, tp(2))))));

    assertThatExceptionOfType(StoresUnavailableException.class)
        .isThrownBy(
            () -> coverage.plan(List.of(Set.of(p(DELTAS, 0), p(CUSTOMERS, 0), p(CUSTOMERS, 1)))))
        .withMessageContaining(p(DELTAS, 1));
  }

  @Test
  void shouldNeverAddUpTwoPartsThatShareAPartition() {
    threads.set(
        Set.of(
            thread(
                "t-1",
                "RUNNING",
                Set.of(task(1, 2, tp(2)), task(2, 1, new TopicPartition(CUSTOMERS, 1))),
                Set.of())));

    PartitionCoverage.Plan plan =
        coverage.plan(
            List.of(
                Set.of(p(DELTAS, 0), p(DELTAS, 1), p(DELTAS, 2), p(CUSTOMERS, 0)),
                Set.of(p(DELTAS, 2), p(CUSTOMERS, 1))));

    assertThat(plan.kept()).containsExactly(0);
    assertThat(plan.fill()).containsExactly(p(CUSTOMERS, 1));
  }

  @Test
  void shouldBeUnavailableWhenAPartDroppedAsADoubleHoldsAPartitionThisInstanceHasNoCopyOf() {
    assertThatExceptionOfType(StoresUnavailableException.class)
        .isThrownBy(
            () ->
                coverage.plan(
                    List.of(
                        Set.of(p(DELTAS, 0), p(DELTAS, 1), p(DELTAS, 2), p(CUSTOMERS, 0)),
                        Set.of(p(DELTAS, 2), p(CUSTOMERS, 1)))))
        .withMessageContaining(p(CUSTOMERS, 1));
  }

  @Test
  void shouldCoverTheSourcePartitionsOfRunningActiveTasksOnly() {
    threads.set(
        Set.of(
            thread(
                "t-1",
                "RUNNING",
                task(1, 0, new TopicPartition(DELTAS, 0)),
                task(0, 0, new TopicPartition("sales.orders", 0))),
            thread("t-2", "PARTITIONS_ASSIGNED", task(1, 1, new TopicPartition(DELTAS, 1)))));

    PartitionCoverage.Covered<String> covered = coverage.covered(() -> "partial");

    assertThat(covered.partitions()).containsExactly(p(DELTAS, 0));
    assertThat(covered.value()).isEqualTo("partial");
  }

  @Test
  void shouldBeUnavailableWhenTheTasksMoveWhileAPartialIsComputed() {
    Set<ThreadMetadata> before = Set.of(thread("t-1", "RUNNING", task(1, 0, tp(0))));
    Set<ThreadMetadata> after = Set.of(thread("t-1", "RUNNING", task(1, 1, tp(1))));
    threads.set(before);
    List<String> computed = new ArrayList<>();

    assertThatExceptionOfType(StoresUnavailableException.class)
        .isThrownBy(
            () ->
                coverage.covered(
                    () -> {
                      threads.set(after);
                      computed.add("partial");
                      return "partial";
                    }));
    assertThat(computed).hasSize(1);
  }

  private static TopicPartition tp(int partition) {
    return new TopicPartition(DELTAS, partition);
  }

  private static String p(String topic, int partition) {
    return new TopicPartition(topic, partition).toString();
  }

  private static TaskMetadata task(int subtopology, int partition, TopicPartition... partitions) {
    return new TaskMetadataImpl(
        new TaskId(subtopology, partition),
        Set.of(partitions),
        Map.of(),
        Map.of(),
        Optional.empty());
  }

  private static ThreadMetadata thread(String name, String state, TaskMetadata... active) {
    return thread(name, state, Set.of(active), Set.of());
  }

  private static ThreadMetadata thread(
      String name, String state, Set<TaskMetadata> active, Set<TaskMetadata> standby) {
    ThreadMetadata thread =
        new ThreadMetadataImpl(
            name, state, "consumer", "restore", "producer", "admin", active, standby);
    assertThat(thread.threadState()).isEqualTo(state);
    return thread;
  }
}
