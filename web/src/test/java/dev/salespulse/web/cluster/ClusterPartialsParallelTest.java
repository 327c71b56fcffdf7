package dev.salespulse.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.salespulse.streams.query.KpiStores;
import dev.salespulse.streams.query.LocalPartials;
import dev.salespulse.streams.query.Partials.CustomerTally;
import dev.salespulse.streams.query.Period;
import dev.salespulse.streams.query.PeriodRange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.internals.StreamsMetadataImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other instances are asked at once, not one after another: here each of two instances answers
 * only once both have been asked, which a caller asking them in turn would never see (the first
 * would wait for the second until its time ran out). Each is told how long it has.
 */
class ClusterPartialsParallelTest {
  private static final HostInfo SELF = new HostInfo("localhost", 1);
  private static final Duration TIMEOUT = Duration.ofSeconds(8);

  @Test
  void shouldAskEveryOtherInstanceAtOnceAndAddUpTheirAnswers(@TempDir Path dir) throws Exception {
    CountDownLatch bothAsked = new CountDownLatch(2);
    List<String> budgets = new CopyOnWriteArrayList<>();
    List<HttpServer> peers = new ArrayList<>();
    try {
      peers.add(peer("t-0", 3, bothAsked, budgets));
      peers.add(peer("t-1", 4, bothAsked, budgets));
      try (KafkaStreams streams = streamsSeeing(peers, dir);
          ClusterPartials partials =
              new ClusterPartials(
                  new LocalPartials(
                      new KpiStores(null, null, null, null, null, null, null, () -> false)),
                  new StoreCopies(streams, new Topology().describe(), Set.of("t")),
                  streams,
                  new PartitionCoverage(Set::of, Map.of("t", 2)),
                  SELF,
                  Optional.empty(),
                  TIMEOUT)) {
        PeriodRange noDays = new PeriodRange(Period.TODAY, Instant.EPOCH, Instant.EPOCH, List.of());

        assertThat(partials.customers("company:all", noDays)).isEqualTo(new CustomerTally(7, 0));
        assertThat(budgets).hasSize(2);
        assertThat(budgets)
            .allSatisfy(
                budget ->
                    assertThat(Long.parseLong(budget))
                        .isPositive()
                        .isLessThanOrEqualTo(TIMEOUT.toMillis()));
      }
    } finally {
      for (HttpServer peer : peers) {
        peer.stop(0);
        ((ExecutorService) peer.getExecutor()).shutdownNow();
      }
    }
  }

  /**
   * An instance that covers {@code partition} with {@code customers}, answering once both instances
   * have been asked (or never, within this test's bounds).
   */
  private static HttpServer peer(
      String partition, int customers, CountDownLatch bothAsked, List<String> budgets)
      throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        ClusterPartials.PATH,
        exchange -> {
          budgets.add(exchange.getRequestHeaders().getFirst(ClusterPartials.BUDGET_HEADER));
          bothAsked.countDown();
          try {
            if (!bothAsked.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
              exchange.sendResponseHeaders(503, -1);
              return;
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          byte[] body =
              ("{\"partitions\":[\""
                      + partition
                      + "\"],\"value\":{\"customers\":"
                      + customers
                      + ",\"newCustomers\":0}}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return server;
  }

  /** A Streams client (never started) whose cluster metadata names the given instances. */
  private static KafkaStreams streamsSeeing(List<HttpServer> others, Path dir) {
    Topology topology = new Topology();
    topology.addSource("source", "unused");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "cluster-partials-parallel-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9");
    props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    List<StreamsMetadata> metadata = new ArrayList<>();
    metadata.add(new StreamsMetadataImpl(SELF, Set.of(), Set.of(), Set.of(), Set.of()));
    for (HttpServer other : others) {
      HostInfo host = new HostInfo("localhost", other.getAddress().getPort());
      metadata.add(new StreamsMetadataImpl(host, Set.of(), Set.of(), Set.of(), Set.of()));
    }
    return new KafkaStreams(topology, props) {
      @Override
      public Collection<StreamsMetadata> metadataForAllStreamsClients() {
        return metadata;
      }
    };
  }
}
