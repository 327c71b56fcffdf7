package dev.salespulse.web.cluster;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.salespulse.streams.query.KpiStores;
import dev.salespulse.streams.query.LocalPartials;
import dev.salespulse.streams.query.Period;
import dev.salespulse.streams.query.PeriodRange;
import dev.salespulse.streams.query.StoresUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.internals.StreamsMetadataImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md: "Only a partition that nothing reachable holds makes the answer unavailable (503),
 * never a silently partial number." An instance that stops in the middle of its answer (its process
 * frozen, or the network cut after the response headers) cannot be reached either: asking it must
 * end within the deadline, not block the caller (an HTTP thread, the live feed's one ticker, the
 * gauges' refresher) for as long as the connection stays open. Here the stalled instance holds the
 * only partition and this one has no copy of it.
 */
class ClusterPartialsTimeoutTest {
  private static final HostInfo SELF = new HostInfo("localhost", 1);

  @Test
  void aPeerThatStallsAfterItsHeadersMakesTheAnswerUnavailableWithinTheTimeout(@TempDir Path dir)
      throws Exception {
    try (StallingPeer peer = new StallingPeer();
        KafkaStreams streams = streamsSeeing(peer.hostInfo(), dir)) {
      LocalPartials local =
          new LocalPartials(new KpiStores(null, null, null, null, null, null, null, () -> false));
      ClusterPartials partials =
          new ClusterPartials(
              local,
              new StoreCopies(streams, new Topology().describe(), Set.of("t")),
              streams,
              new PartitionCoverage(Set::of, Map.of("t", 1)),
              SELF,
              Optional.empty(),
              Duration.ofSeconds(2));
      PeriodRange noDays = new PeriodRange(Period.TODAY, Instant.EPOCH, Instant.EPOCH, List.of());

      assertTimeoutPreemptively(
          Duration.ofSeconds(20),
          () ->
              assertThatThrownBy(() -> partials.customers("company:all", noDays))
                  .isInstanceOf(StoresUnavailableException.class)
                  .hasMessageContaining("t-0")
                  .hasMessageContaining("not answering: localhost:" + peer.hostInfo().port()));
    }
  }

  /** A Streams client (never started) whose cluster metadata names one other instance. */
  private static KafkaStreams streamsSeeing(HostInfo other, Path dir) {
    Topology topology = new Topology();
    topology.addSource("source", "unused");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "cluster-partials-timeout-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9");
    props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    return new KafkaStreams(topology, props) {
      @Override
      public Collection<StreamsMetadata> metadataForAllStreamsClients() {
        return List.of(
            new StreamsMetadataImpl(SELF, Set.of(), Set.of(), Set.of(), Set.of()),
            new StreamsMetadataImpl(other, Set.of(), Set.of(), Set.of(), Set.of()));
      }
    };
  }

  /** Answers every request with a 200 and the start of a body, then sends nothing more. */
  private static final class StallingPeer implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    StallingPeer() throws IOException {
      Thread acceptor = new Thread(this::serve, "stalling-peer");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    HostInfo hostInfo() {
      return new HostInfo("localhost", server.getLocalPort());
    }

    private void serve() {
      try {
        while (true) {
          Socket connection = server.accept();
          connections.add(connection);
          readHeaders(connection.getInputStream());
          connection
              .getOutputStream()
              .write(
                  ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                          + "{\"customers\":")
                      .getBytes(StandardCharsets.US_ASCII));
          connection.getOutputStream().flush();
        }
      } catch (IOException e) {
        // closed by the test
      }
    }

    private static void readHeaders(InputStream in) throws IOException {
      int matched = 0;
      byte[] end = {'\r', '\n', '\r', '\n'};
      while (matched < end.length) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket connection : connections) {
        connection.close();
      }
    }
  }
}
