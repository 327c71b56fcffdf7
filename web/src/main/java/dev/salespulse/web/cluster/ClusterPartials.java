package dev.salespulse.web.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.salespulse.streams.query.Deadline;
import dev.salespulse.streams.query.KpiStores;
import dev.salespulse.streams.query.LocalPartials;
import dev.salespulse.streams.query.Partials;
import dev.salespulse.streams.query.PeriodRange;
import dev.salespulse.streams.query.RequestScope;
import dev.salespulse.streams.query.StoresUnavailableException;
import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.web.cluster.PartitionCoverage.Covered;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.BinaryOperator;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partial sums of the whole cluster: this instance's stores plus, for every other instance of
 * the application (Kafka Streams' metadata, {@code application.server}), its partial sums fetched
 * over HTTP from {@code /internal/v1/partials/…}, added up. Partials are additive (see {@link
 * Partials}), so no instance needs to know who owns which key; each says which partitions it
 * covered, and an answer is given only when the parts added up cover every partition once ({@link
 * PartitionCoverage}).
 *
 * <p>All other instances are asked at once, on a small fixed pool of threads, and given what is
 * left of the request's one deadline ({@link RequestScope}; outside a request, {@code
 * SALESPULSE_REQUEST_TIMEOUT} from the call) minus a quarter of it, kept for what follows; one that
 * has not answered by then is cancelled. Partitions that no answer covers (an instance unreachable
 * or late, tasks on the move) are read from this instance's own copies of them, standby replicas
 * and restoring tasks included, and the answer is then marked {@code stale}. Only a partition that
 * nothing reachable holds makes the answer unavailable (503), never a silently partial number.
 */
public final class ClusterPartials implements Partials, AutoCloseable {
  static final String PATH = "/internal/v1/partials/";

  /** How long the asked instance has to answer, in milliseconds: the asker's remaining time. */
  public static final String BUDGET_HEADER = "SalesPulse-Budget-Ms";

  private static final Logger LOG = LoggerFactory.getLogger(ClusterPartials.class);
  private static final Duration COPY_RETRY = Duration.ofMillis(20);

  private final LocalPartials local;
  private final StoreCopies copies;
  private final PartitionCoverage coverage;
  private final Duration timeout;
  private final Peers peers;

  /**
   * @param local this instance's partials, reading its stores through {@code copies}
   * @param timeout the deadline of a call made outside any request ({@code
   *     SALESPULSE_REQUEST_TIMEOUT})
   */
  ClusterPartials(
      LocalPartials local,
      StoreCopies copies,
      KafkaStreams streams,
      PartitionCoverage coverage,
      HostInfo self,
      Optional<String> token,
      Duration timeout) {
    this.local = local;
    this.copies = copies;
    this.coverage = coverage;
    this.timeout = timeout;
    this.peers = new Peers(streams, self, token, timeout);
  }

  /**
   * @param topology the running topology's description (which stores are kept per partition of
   *     which source topic)
   * @param brokersAway whether the Kafka brokers are unreachable (answers are then stale)
   * @param timeout the deadline of a call made outside any request ({@code
   *     SALESPULSE_REQUEST_TIMEOUT})
   */
  public static ClusterPartials of(
      KafkaStreams streams,
      TopologyDescription topology,
      PartitionCoverage coverage,
      BooleanSupplier brokersAway,
      HostInfo self,
      Optional<String> token,
      Duration timeout) {
    StoreCopies copies = new StoreCopies(streams, topology, coverage.topics());
    LocalPartials local =
        new LocalPartials(
            KpiStores.of(
                copies,
                () -> streams.state() != KafkaStreams.State.RUNNING || brokersAway.getAsBoolean()));
    return new ClusterPartials(local, copies, streams, coverage, self, token, timeout);
  }

  /** This instance's own partials, of its running active tasks. */
  public LocalPartials local() {
    return local;
  }

  @Override
  public KpiTotals sum(String scope, PeriodRange range) {
    return gather(
        () -> local.sum(scope, range),
        "sum?" + PartialsCodec.query(scope, range),
        new TypeReference<Covered<KpiTotals>>() {},
        KpiTotals::plus);
  }

  @Override
  public Map<String, KpiTotals> sumAll(String prefix, PeriodRange range) {
    return gather(
        () -> local.sumAll(prefix, range),
        "sumAll?" + PartialsCodec.query(prefix, range),
        new TypeReference<Covered<Map<String, KpiTotals>>>() {},
        (a, b) -> {
          Map<String, KpiTotals> merged = new HashMap<>(a);
          b.forEach((scope, totals) -> merged.merge(scope, totals, KpiTotals::plus));
          return merged;
        });
  }

  @Override
  public List<MinuteTotals> minutes(String scope, Instant from, Instant to) {
    return gather(
        () -> local.minutes(scope, from, to),
        "minutes?" + PartialsCodec.query(scope, from, to),
        new TypeReference<Covered<List<MinuteTotals>>>() {},
        (a, b) -> {
          List<MinuteTotals> merged = new ArrayList<>(a);
          merged.addAll(b);
          return merged;
        });
  }

  @Override
  public CustomerTally customers(String scope, PeriodRange range) {
    return gather(
        () -> local.customers(scope, range),
        "customers?" + PartialsCodec.query(scope, range),
        new TypeReference<Covered<CustomerTally>>() {},
        CustomerTally::plus);
  }

  @Override
  public long profileGross(String scope, Instant from, Instant to) {
    return gather(
        () -> local.profileGross(scope, from, to),
        "profileGross?" + PartialsCodec.query(scope, from, to),
        new TypeReference<Covered<Long>>() {},
        Math::addExact);
  }

  @Override
  public List<KpiTotals> sumPerDay(String scope, PeriodRange range) {
    return gather(
        () -> local.sumPerDay(scope, range),
        "sumPerDay?" + PartialsCodec.query(scope, range),
        new TypeReference<Covered<List<KpiTotals>>>() {},
        (a, b) -> {
          if (a.size() != b.size()) {
            throw new StoresUnavailableException(
                "an instance answered " + b.size() + " days for " + a.size(), null);
          }
          List<KpiTotals> merged = new ArrayList<>(a.size());
          for (int i = 0; i < a.size(); i++) {
            merged.add(a.get(i).plus(b.get(i)));
          }
          return merged;
        });
  }

  @Override
  public Map<Long, Long> profile(String scope, Instant from, Instant to) {
    return gather(
        () -> local.profile(scope, from, to),
        "profile?" + PartialsCodec.query(scope, from, to),
        new TypeReference<Covered<Map<Long, Long>>>() {},
        (a, b) -> {
          Map<Long, Long> merged = new TreeMap<>(a);
          b.forEach((bucket, gross) -> merged.merge(bucket, gross, Math::addExact));
          return merged;
        });
  }

  @Override
  public Map<String, CustomerTally> customersAll(String prefix, PeriodRange range) {
    return gather(
        () -> local.customersAll(prefix, range),
        "customersAll?" + PartialsCodec.query(prefix, range),
        new TypeReference<Covered<Map<String, CustomerTally>>>() {},
        (a, b) -> {
          Map<String, CustomerTally> merged = new HashMap<>(a);
          b.forEach((scope, tally) -> merged.merge(scope, tally, CustomerTally::plus));
          return merged;
        });
  }

  /**
   * Every other instance's partial and this instance's own, added up so that they cover every
   * partition of the KPI stores exactly once, the partitions none of them covers read from this
   * instance's own copies.
   */
  private <T> T gather(
      Supplier<T> mine, String request, TypeReference<Covered<T>> type, BinaryOperator<T> plus) {
    Deadline deadline =
        RequestScope.current().map(RequestScope::deadline).orElseGet(() -> Deadline.in(timeout));
    Duration reserve = deadline.timeout().dividedBy(4);
    Deadline peersUntil = Deadline.in(Peers.positive(deadline.remaining().minus(reserve)));
    List<HostInfo> others = peers.others();
    List<CompletableFuture<Covered<T>>> asked = new ArrayList<>();
    for (HostInfo other : others) {
      asked.add(peers.ask(other, request, type, peersUntil.remaining()));
    }
    try {
      // This instance's own partial is computed while the others' answers are on their way.
      Optional<Covered<T>> own = own(mine);
      List<Covered<T>> parts = new ArrayList<>();
      List<String> unanswered = new ArrayList<>();
      for (int i = 0; i < others.size(); i++) {
        Optional<Covered<T>> theirs = Peers.await(asked.get(i), others.get(i), peersUntil);
        if (theirs.isPresent()) {
          parts.add(theirs.get());
        } else {
          unanswered.add(others.get(i).host() + ":" + others.get(i).port());
        }
      }
      own.ifPresent(parts::add);
      return addUp(parts, mine, plus, deadline, unanswered);
    } finally {
      asked.forEach(answer -> answer.cancel(true));
    }
  }

  /** This instance's partial of its running active tasks, if it can give one now. */
  private <T> Optional<Covered<T>> own(Supplier<T> mine) {
    try {
      return Optional.of(coverage.covered(mine));
    } catch (StoresUnavailableException | InvalidStateStoreException e) {
      LOG.debug("This instance's active tasks cannot answer now: {}", e.getMessage());
      return Optional.empty();
    }
  }

  private <T> T addUp(
      List<Covered<T>> parts,
      Supplier<T> mine,
      BinaryOperator<T> plus,
      Deadline deadline,
      List<String> unanswered) {
    PartitionCoverage.Plan plan;
    try {
      plan = coverage.plan(parts.stream().map(Covered::partitions).toList());
    } catch (StoresUnavailableException e) {
      throw new StoresUnavailableException(
          e.getMessage()
              + (unanswered.isEmpty() ? "" : "; not answering: " + String.join(", ", unanswered)),
          e);
    }
    T sum = null;
    for (int kept : plan.kept()) {
      T value = parts.get(kept).value();
      sum = sum == null ? value : plus.apply(sum, value);
    }
    if (!plan.fill().isEmpty()) {
      Set<String> fresh = freshPartitions();
      for (String partition : plan.fill()) {
        deadline.check();
        T value = ownCopy(partition, mine, deadline);
        sum = sum == null ? value : plus.apply(sum, value);
      }
      if (!fresh.containsAll(plan.fill())) {
        RequestScope.markStale();
      }
    }
    if (sum == null) {
      throw new StoresUnavailableException("no instance could answer; retry shortly", null);
    }
    return sum;
  }

  /** The partitions of this instance's running active tasks: read from them, nothing lags. */
  private Set<String> freshPartitions() {
    try {
      return coverage.local();
    } catch (StoresUnavailableException e) {
      return Set.of();
    }
  }

  /**
   * This instance's partial of one partition from its own copy. While the copy changes hands (a
   * standby task becoming the active one, a task being set up after a rebalance) Kafka Streams
   * cannot find it for a moment: it is asked again every {@link #COPY_RETRY} until the deadline.
   */
  private <T> T ownCopy(String partition, Supplier<T> mine, Deadline deadline) {
    int dash = partition.lastIndexOf('-');
    TopicPartition topicPartition =
        new TopicPartition(
            partition.substring(0, dash), Integer.parseInt(partition.substring(dash + 1)));
    while (true) {
      try {
        return copies.reading(topicPartition, mine);
      } catch (StoresUnavailableException | InvalidStateStoreException e) {
        if (deadline.remaining().compareTo(COPY_RETRY) <= 0) {
          throw e;
        }
        try {
          Thread.sleep(COPY_RETRY.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  @Override
  public void close() {
    peers.close();
  }
}
