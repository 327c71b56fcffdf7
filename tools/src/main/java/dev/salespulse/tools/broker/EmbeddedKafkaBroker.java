package dev.salespulse.tools.broker;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker running inside this JVM: KRaft mode, one process in the combined
 * {@code broker,controller} roles, for {@code salespulse demo} and for tests that need a broker.
 *
 * <p>The first start formats {@code dataDir/kafka} with a new cluster id, as {@code
 * kafka-storage.sh format --standalone} does; later starts on the same directory reuse that cluster
 * id, its topics and its records. Clients (and kcat) connect with PLAINTEXT to {@link
 * #bootstrapServers()}; the controller listens on a second free local port chosen at each start.
 * Internal topics have replication factor 1, so consumer groups and exactly-once Kafka Streams
 * work.
 *
 * <p>Limits: one node, so replication factor 1 only; no authentication or TLS; listens on localhost
 * only; topics are never created automatically. Like a standalone broker, Kafka halts the JVM on
 * fatal storage faults (for example the data directory disappearing while it runs). When Kafka 4.4
 * fails late in its own startup (after a minute waiting for a quorum) its shutdown leaves group and
 * share coordinator threads running; {@link #start} refuses the data directories known to cause
 * that (formatted by another Kafka installation, or missing their cluster metadata).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

  private static final String HOST = "localhost";
  static final int NODE_ID = 1;
  private static final String LOG_DIR_NAME = "kafka";
  static final String META_PROPERTIES = "meta.properties";
  static final String METADATA_LOG = "__cluster_metadata-0";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration READY_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

  private final KafkaRaftServer server;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafkaBroker(KafkaRaftServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Formats {@code dataDir} on first use (like {@code kafka-storage.sh format --standalone}),
   * reuses it after, starts, and returns once the broker answers clients.
   *
   * @param port the client port on localhost; 0 picks a free one
   * @throws EmbeddedBrokerException if the port is taken, the data directory cannot be used, or the
   *     broker does not answer within 60 s; no broker is left running then
   */
  public static EmbeddedKafkaBroker start(Path dataDir, int port) throws EmbeddedBrokerException {
    long startNanos = System.nanoTime();
    int clientPort = port == 0 ? freePort() : requireFree(port);
    int controllerPort = portOtherThan(clientPort, EmbeddedKafkaBroker::freePort);
    Path logDir = dataDir.resolve(LOG_DIR_NAME);
    String clusterId = KafkaStorage.formatIfNeeded(logDir, clientPort, controllerPort);
    Map<String, String> properties = serverProperties(logDir, clientPort, controllerPort);
    EmbeddedKafkaBroker broker =
        new EmbeddedKafkaBroker(startServer(properties, logDir, clientPort), clientPort);
    try {
      broker.awaitAnswering();
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    log.info(
        "Embedded Kafka broker started in {} ms at {} (cluster {}, data in {})",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
        broker.bootstrapServers(),
        clusterId,
        logDir);
    return broker;
  }

  /** The address for clients' {@code bootstrap.servers}: {@code localhost:<port>}. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  /** Shuts the broker down cleanly (the next start needs no log recovery); idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long startNanos = System.nanoTime();
    stop(server);
    log.info(
        "Embedded Kafka broker at {} stopped in {} ms",
        bootstrapServers(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
  }

  static Map<String, String> serverProperties(Path logDir, int clientPort, int controllerPort) {
    Map<String, String> p = new TreeMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put(
        "listeners",
        "PLAINTEXT://" + HOST + ":" + clientPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + clientPort);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("controller.listener.names", "CONTROLLER");
    // A dynamic (KIP-853) quorum, as `format --standalone` creates: the leader rewrites its own
    // endpoint in the voter set at each start, so the controller port may differ between starts.
    p.put("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
    p.put("log.dirs", logDir.toString());
    p.put("metadata.log.dir", logDir.toString());

    // One node: every internal topic (consumer offsets, transaction state for exactly-once, share
    // groups) must accept replication factor and min ISR 1, or its creation fails at first use.
    p.put("auto.create.topics.enable", "false");
    p.put("num.partitions", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("share.coordinator.state.topic.num.partitions", "5");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("group.streams.initial.rebalance.delay.ms", "0");

    // After a crash the controller keeps the killed broker's registration until its session
    // expires (9 s by default), and the restarted broker cannot register before: every start after
    // a kill waited that long for nothing.
    p.put("broker.session.timeout.ms", "3000");
    p.put("broker.heartbeat.interval.ms", "1000");
    // A restart after a crash re-reads every log from its last recovery point, which advances only
    // when the log is flushed: by default at segment roll, so up to a whole 16 MB segment per
    // partition was re-read (5 s for the demo's 90 logs). Flushing every few seconds bounds that to
    // the last seconds of writes.
    p.put("log.flush.interval.ms", "2000");
    p.put("log.flush.scheduler.interval.ms", "1000");
    p.put("log.flush.offset.checkpoint.interval.ms", "2000");

    p.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
    p.put("offsets.topic.segment.bytes", String.valueOf(16 * 1024 * 1024));
    p.put("transaction.state.log.segment.bytes", String.valueOf(16 * 1024 * 1024));
    p.put("log.index.size.max.bytes", String.valueOf(1024 * 1024));
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "4");
    return p;
  }

  private static KafkaRaftServer startServer(
      Map<String, String> properties, Path logDir, int clientPort) {
    KafkaConfig config = new KafkaConfig(properties, false);
    KafkaRaftServer server;
    try {
      server = new KafkaRaftServer(config, Time.SYSTEM);
    } catch (RuntimeException e) {
      throw new EmbeddedBrokerException(
          "Kafka cannot use the data directory " + logDir + ": " + e.getMessage(), e);
    }
    try {
      server.startup();
      return server;
    } catch (RuntimeException e) {
      stop(server);
      if (bindFailureOn(clientPort, e)) {
        throw portInUse(clientPort, e);
      }
      throw new EmbeddedBrokerException(
          "The embedded Kafka broker failed to start: " + causes(e), e);
    }
  }

  private static void stop(KafkaRaftServer server) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      log.warn("The embedded Kafka broker did not shut down cleanly", e);
    }
  }

  private void awaitAnswering() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            AdminClientConfig.CLIENT_ID_CONFIG,
            "salespulse-embedded-broker-probe");
    try (Admin admin = Admin.create(config)) {
      while (true) {
        try {
          var options =
              new DescribeClusterOptions().timeoutMs((int) READY_ATTEMPT_TIMEOUT.toMillis());
          if (!admin.describeCluster(options).nodes().get().isEmpty()) {
            return;
          }
        } catch (ExecutionException e) {
          log.debug("Embedded Kafka broker not answering yet", e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new EmbeddedBrokerException("Interrupted while waiting for the embedded broker", e);
        }
        if (System.nanoTime() > deadline) {
          throw new EmbeddedBrokerException(
              "The embedded Kafka broker did not answer at "
                  + bootstrapServers()
                  + " within "
                  + READY_TIMEOUT.toSeconds()
                  + " s");
        }
      }
    }
  }

  private static int requireFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(HOST, port));
      return port;
    } catch (BindException e) {
      throw portInUse(port, e);
    } catch (IOException e) {
      throw new EmbeddedBrokerException("Cannot check port " + port + ": " + e.getMessage(), e);
    }
  }

  private static EmbeddedBrokerException portInUse(int port, Exception cause) {
    return new EmbeddedBrokerException(
        "Port "
            + port
            + " on "
            + HOST
            + " is already in use, so the embedded Kafka broker cannot listen there."
            + " Stop what uses it or choose another port with SALESPULSE_KAFKA_PORT.",
        cause);
  }

  private static boolean bindFailureOn(int port, Throwable e) {
    boolean bindFailure = false;
    boolean namesPort = false;
    for (Throwable t = e; t != null; t = t.getCause()) {
      bindFailure |= t instanceof BindException;
      namesPort |= String.valueOf(t.getMessage()).contains(HOST + ":" + port);
    }
    return bindFailure && namesPort;
  }

  /**
   * A free port for the controller that is not the client's. Two free-port lookups in a row may
   * hand out the same port, since each lookup closes its socket; the broker then refuses to start
   * ("Each listener must have a different port"), as a test run once saw.
   */
  static int portOtherThan(int clientPort, IntSupplier freePorts) {
    for (int attempt = 0; attempt < 10; attempt++) {
      int port = freePorts.getAsInt();
      if (port != clientPort) {
        return port;
      }
    }
    throw new EmbeddedBrokerException(
        "Cannot find a free port on " + HOST + " other than " + clientPort);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(HOST, 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new EmbeddedBrokerException("Cannot find a free port on " + HOST, e);
    }
  }

  private static String causes(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      text.append(" <- ").append(t);
    }
    return text.toString();
  }
}
