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
import dev.salespulse.web.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BinaryOperator;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
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
  private static final int ASKING_THREADS = 4;
  private static final Duration COPY_RETRY = Duration.ofMillis(20);

  private final LocalPartials local;
  private final StoreCopies copies;
  private final KafkaStreams streams;
  private final PartitionCoverage coverage;
  private final HostInfo self;
  private final Optional<String> token;
  private final Duration timeout;
  private final ExecutorService asking =
      Executors.newFixedThreadPool(
          ASKING_THREADS,
          task -> {
            Thread thread = new Thread(task, "cluster-partials");
            thread.setDaemon(true);
            return thread;
          });
  private final HttpClient http;

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
    this.streams = streams;
    this.coverage = coverage;
    this.self = self;
    this.token = token;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().executor(asking).connectTimeout(timeout).build();
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
    Deadline peersUntil = Deadline.in(positive(deadline.remaining().minus(reserve)));
    List<HostInfo> others = otherInstances();
    List<CompletableFuture<Covered<T>>> asked = new ArrayList<>();
    for (HostInfo other : others) {
      asked.add(ask(other, request, type, peersUntil.remaining()));
    }
    try {
      // This instance's own partial is computed while the others' answers are on their way.
      Optional<Covered<T>> own = own(mine);
      List<Covered<T>> parts = new ArrayList<>();
      List<String> unanswered = new ArrayList<>();
      for (int i = 0; i < others.size(); i++) {
        Optional<Covered<T>> theirs = await(asked.get(i), others.get(i), peersUntil);
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

  private List<HostInfo> otherInstances() {
    try {
      return streams.metadataForAllStreamsClients().stream()
          .map(StreamsMetadata::hostInfo)
          .filter(host -> !host.equals(self))
          .toList();
    } catch (IllegalStateException e) {
      return List.of();
    }
  }

  private <T> CompletableFuture<Covered<T>> ask(
      HostInfo host, String request, TypeReference<Covered<T>> type, Duration budget) {
    URI uri = URI.create("http://" + host.host() + ":" + host.port() + PATH + request);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(positive(budget))
            .header(BUDGET_HEADER, Long.toString(positive(budget).toMillis()))
            .GET();
    token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
    return http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString())
        .thenApply(
            response -> {
              if (response.statusCode() != 200) {
                throw new StoresUnavailableException(
                    "instance " + host + " answered " + response.statusCode(), null);
              }
              try {
                return Json.MAPPER.readValue(response.body(), type);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  /**
   * The answer of another instance, or nothing when it fails or is not there by {@code until} (the
   * request's own timeout ends once the headers arrive: this bounds the body too).
   */
  private static <T> Optional<Covered<T>> await(
      CompletableFuture<Covered<T>> answer, HostInfo host, Deadline until) {
    try {
      return Optional.of(answer.get(until.remaining().toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      answer.cancel(true);
      LOG.debug("Instance {} did not answer in time; reading its partitions elsewhere", host);
    } catch (ExecutionException e) {
      LOG.debug("Instance {} cannot answer: {}", host, String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new StoresUnavailableException("interrupted asking instance " + host, e);
    }
    return Optional.empty();
  }

  private static Duration positive(Duration duration) {
    return duration.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : duration;
  }

  @Override
  public void close() {
    asking.shutdownNow();
  }
}
