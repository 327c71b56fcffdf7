package dev.salespulse.web.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.salespulse.streams.query.LocalPartials;
import dev.salespulse.streams.query.Partials;
import dev.salespulse.streams.query.PeriodRange;
import dev.salespulse.streams.query.StoresUnavailableException;
import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.web.cluster.PartitionCoverage.Covered;
import dev.salespulse.web.http.Json;
import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The partial sums of the whole cluster: this instance's stores plus, for every other instance of
 * the application (Kafka Streams' metadata, {@code application.server}), its partial sums fetched
 * over HTTP from {@code /internal/v1/partials/…}, added up. Partials are additive (see {@link
 * Partials}), so no instance needs to know who owns which key; each says which partitions it
 * covered, and an answer is given only when together they cover every partition once ({@link
 * PartitionCoverage}). An instance that cannot be reached, or tasks on the move, make the answer
 * unavailable (503) rather than silently partial.
 */
public final class ClusterPartials implements Partials {
  static final String PATH = "/internal/v1/partials/";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final LocalPartials local;
  private final KafkaStreams streams;
  private final PartitionCoverage coverage;
  private final HostInfo self;
  private final Optional<String> token;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  public ClusterPartials(
      LocalPartials local,
      KafkaStreams streams,
      PartitionCoverage coverage,
      HostInfo self,
      Optional<String> token) {
    this.local = local;
    this.streams = streams;
    this.coverage = coverage;
    this.self = self;
    this.token = token;
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
   * This instance's partial plus every other instance's, answered only when together they cover
   * every partition of the KPI stores exactly once.
   */
  private <T> T gather(
      Supplier<T> mine, String request, TypeReference<Covered<T>> type, BinaryOperator<T> plus) {
    Covered<T> own = coverage.covered(mine);
    List<Set<String>> parts = new ArrayList<>(List.of(own.partitions()));
    T result = own.value();
    for (HostInfo other : otherInstances()) {
      Covered<T> theirs = fetch(other, request, type);
      parts.add(theirs.partitions());
      result = plus.apply(result, theirs.value());
    }
    coverage.requireExactCover(parts);
    return result;
  }

  private List<HostInfo> otherInstances() {
    return streams.metadataForAllStreamsClients().stream()
        .map(StreamsMetadata::hostInfo)
        .filter(host -> !host.equals(self))
        .toList();
  }

  private <T> T fetch(HostInfo host, String request, TypeReference<T> type) {
    URI uri = URI.create("http://" + host.host() + ":" + host.port() + PATH + request);
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
    token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
    // The request's own timeout ends once the headers arrive: bound the whole answer, body too.
    CompletableFuture<HttpResponse<String>> answer =
        http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString());
    try {
      HttpResponse<String> response = answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (response.statusCode() != 200) {
        throw new StoresUnavailableException(
            "instance " + host + " answered " + response.statusCode() + " for its partial sums",
            null);
      }
      return Json.MAPPER.readValue(response.body(), type);
    } catch (IOException e) {
      throw new StoresUnavailableException("instance " + host + " cannot be reached", e);
    } catch (ExecutionException e) {
      throw new StoresUnavailableException("instance " + host + " cannot be reached", e.getCause());
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new StoresUnavailableException(
          "instance " + host + " did not answer within " + TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new StoresUnavailableException("interrupted asking instance " + host, e);
    }
  }
}
