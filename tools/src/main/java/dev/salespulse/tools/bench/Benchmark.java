package dev.salespulse.tools.bench;

import dev.salespulse.streams.config.ConfigLoader;
import dev.salespulse.streams.config.SalesPulseConfig;
import dev.salespulse.streams.topology.Topics;
import dev.salespulse.tools.broker.EmbeddedKafkaBroker;
import dev.salespulse.web.SalesPulseApp;
import dev.salespulse.web.kafka.KafkaClients;
import dev.salespulse.web.kafka.TopicAdmin;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code salespulse bench}: what this machine does end to end, on a fresh embedded broker.
 *
 * <ol>
 *   <li>Backlog: N realistic events (the simulator's) over the last two days are produced while
 *       SalesPulse is down; then it starts and the time until every input and repartition record is
 *       processed gives the catch-up throughput.
 *   <li>Freshness: with SalesPulse live and a steady background load, a probe order is produced
 *       every half second and the time until the REST API counts it is recorded (HdrHistogram);
 *       with {@link Serving#wsClients()}, also until each WebSocket client is sent it.
 *   <li>With {@link Serving#connections()}: requests/s and latency of one GET asked over keep-alive
 *       connections by {@link HttpLoad}, the live load still going.
 * </ol>
 */
public final class Benchmark {
  private final PrintWriter out;
  private final HttpClient http = HttpClient.newHttpClient();

  private final CatchUpPhase catchUp;
  private final FreshnessPhase freshness;

  public Benchmark(PrintWriter out) {
    this.out = out;
    this.catchUp = new CatchUpPhase(out);
    this.freshness = new FreshnessPhase(out);
  }

  /**
   * What the serving phases do after the catch-up ({@code salespulse bench --serving}).
   *
   * @param wsClients WebSocket clients of /ws/live during the freshness probes (0: none)
   * @param connections keep-alive connections of the REST load (0: no REST load)
   * @param path the path and query the REST load asks for
   * @param settle live load, with the WebSocket clients connected, before the freshness probes
   */
  public record Serving(
      int wsClients,
      int connections,
      String path,
      Duration warmup,
      Duration duration,
      Duration settle) {
    /** No serving phase: the catch-up and the freshness probes only, after {@code settle}. */
    public static Serving none(Duration settle) {
      return new Serving(0, 0, "", Duration.ZERO, Duration.ZERO, settle);
    }
  }

  /**
   * @param serving the serving phases, {@link Serving#none} for the catch-up and freshness only
   * @param settings SALESPULSE_* overrides (e.g. SALESPULSE_TOPIC_PARTITIONS)
   */
  public void run(
      long events,
      int probes,
      double loadRate,
      boolean baseline,
      Serving serving,
      Map<String, String> settings)
      throws Exception {
    Path dir = Files.createTempDirectory("salespulse-bench");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka-data"), 0)) {
      Map<String, String> env = new HashMap<>(settings);
      env.put("SALESPULSE_DATA_DIR", dir.toString());
      env.put("SALESPULSE_BOOTSTRAP_SERVERS", broker.bootstrapServers());
      env.put("SALESPULSE_HTTP_PORT", "0");
      env.putIfAbsent("SALESPULSE_TIMEZONE", "UTC");
      SalesPulseConfig config = ConfigLoader.load(env, Map.of());
      Map<String, Object> clients = KafkaClients.config(config.kafka(), broker.bootstrapServers());
      Topics topics = new Topics(config.kafka().topicPrefix());
      TopicAdmin.ensureTopics(
          clients, KafkaClients.newTopics(config.kafka()), Duration.ofSeconds(60));
      out.printf(
          "bench: %,d events, %d partitions, %s, %d cores, max heap %d MB%n",
          events,
          config.kafka().topicPartitions(),
          System.getProperty("java.version"),
          Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().maxMemory() >> 20);

      Instant now = Instant.now();
      long produceStart = System.nanoTime();
      long failed =
          Backlog.produce(
              clients,
              topics,
              events,
              now.minus(Duration.ofHours(44)),
              now,
              config.reporting().timezone(),
              sent -> out.printf("  produced %,d%n", sent));
      double produceSeconds = seconds(produceStart);
      out.printf(
          "backlog produced: %,d events in %.1f s (%,.0f events/s), %d failed%n",
          events, produceSeconds, events / produceSeconds, failed);
      out.flush();

      long catchUpStart = System.nanoTime();
      long cpuStart = CatchUpPhase.processCpuNanos();
      ThreadCpu threadCpu = ThreadCpu.snapshot();
      List<String> inputs = List.of(topics.orders().name(), topics.activities().name());
      if (baseline) {
        Properties props =
            BaselineTopology.properties(
                broker.bootstrapServers(), dir.resolve("baseline-state").toString());
        try (KafkaStreams streams = new KafkaStreams(BaselineTopology.build(topics), props);
            Admin admin = Admin.create(clients)) {
          streams.start();
          CatchUpPhase.CatchUp progress =
              catchUp.awaitCaughtUp(
                  new ConsumerLag(admin, BaselineTopology.APPLICATION_ID),
                  inputs,
                  List.of(BaselineTopology.APPLICATION_ID + "-baseline-rep-revenue-repartition"),
                  () -> streams.state() == KafkaStreams.State.RUNNING,
                  events,
                  catchUpStart);
          catchUp.report("the 2-KPI baseline", events, catchUpStart, cpuStart, threadCpu, progress);
          catchUp.printInternalRecords(admin, BaselineTopology.APPLICATION_ID, events);
        }
      } else {
        try (SalesPulseApp app = SalesPulseApp.start(config, false, Clock.systemUTC(), e -> {});
            Admin admin = Admin.create(clients)) {
          URI ready = URI.create("http://localhost:" + app.httpPort() + "/health/ready");
          CatchUpPhase.CatchUp progress =
              catchUp.awaitCaughtUp(
                  new ConsumerLag(admin, config.kafka().applicationId()),
                  inputs,
                  List.of(
                      config.kafka().applicationId() + "-scope-deltas-repartition",
                      config.kafka().applicationId() + "-customer-orders-repartition"),
                  () -> isReady(ready),
                  events,
                  catchUpStart);
          catchUp.report("SalesPulse", events, catchUpStart, cpuStart, threadCpu, progress);
          catchUp.printInternalRecords(admin, config.kafka().applicationId(), events);
          try (LiveLoad load = LiveLoad.start(clients, topics, loadRate)) {
            freshness.measureFreshness(
                app,
                clients,
                topics,
                probes,
                load,
                serving.wsClients(),
                serving.settle(),
                config.live().pushHz());
            if (serving.connections() > 0) {
              new ServingLoad(out, app.httpPort(), config.access().viewerToken())
                  .run(serving, load.rate());
            }
          }
        }
      }
      out.printf(
          "peak RSS of this process (broker, the application and the load): %d MB%n", peakRssMb());
    } finally {
      deleteQuietly(dir);
    }
    out.flush();
  }

  /** The 1, 5 and 15 minute load averages of the machine, as /proc/loadavg says. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return "load average " + fields[0] + " " + fields[1] + " " + fields[2];
    } catch (Exception e) {
      return "load average unknown";
    }
  }

  private boolean isReady(URI uri) {
    try {
      return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static long peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (Exception e) {
      // not Linux: unknown
    }
    return -1;
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (Exception e) {
      // a temp directory left behind is harmless
    }
  }
}
