package dev.salespulse.web.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.salespulse.streams.query.Deadline;
import dev.salespulse.streams.query.StoresUnavailableException;
import dev.salespulse.web.cluster.PartitionCoverage.Covered;
import dev.salespulse.web.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@link ClusterPartials} asks the other instances: over HTTP ({@code /internal/v1/partials/…}
 * with the cluster token), all at once on a small fixed pool of threads, each call given what is
 * left of the request's budget ({@link ClusterPartials#BUDGET_HEADER}).
 */
final class Peers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Peers.class);
  private static final int ASKING_THREADS = 4;

  private final KafkaStreams streams;
  private final HostInfo self;
  private final Optional<String> token;
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
   * @param self this instance, as the others know it ({@code application.server})
   * @param token the cluster token the other instances expect, if any
   * @param connectTimeout the longest a connection may take to open
   */
  Peers(KafkaStreams streams, HostInfo self, Optional<String> token, Duration connectTimeout) {
    this.streams = streams;
    this.self = self;
    this.token = token;
    this.http = HttpClient.newBuilder().executor(asking).connectTimeout(connectTimeout).build();
  }

  /** The other instances of the application, as Kafka Streams' metadata knows them now. */
  List<HostInfo> others() {
    try {
      return streams.metadataForAllStreamsClients().stream()
          .map(StreamsMetadata::hostInfo)
          .filter(host -> !host.equals(self))
          .toList();
    } catch (IllegalStateException e) {
      return List.of();
    }
  }

  /** Asks another instance for its partial, within {@code budget}. */
  <T> CompletableFuture<Covered<T>> ask(
      HostInfo host, String request, TypeReference<Covered<T>> type, Duration budget) {
    URI uri =
        URI.create("http://" + host.host() + ":" + host.port() + ClusterPartials.PATH + request);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(positive(budget))
            .header(ClusterPartials.BUDGET_HEADER, Long.toString(positive(budget).toMillis()))
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
  static <T> Optional<Covered<T>> await(
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

  static Duration positive(Duration duration) {
    return duration.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : duration;
  }

  @Override
  public void close() {
    asking.shutdownNow();
  }
}
