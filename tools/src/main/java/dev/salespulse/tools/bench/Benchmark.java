package dev.salespulse.tools.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.salespulse.streams.config.ConfigLoader;
import dev.salespulse.streams.config.SalesPulseConfig;
import dev.salespulse.streams.topology.Topics;
import dev.salespulse.tools.broker.EmbeddedKafkaBroker;
import dev.salespulse.web.SalesPulseApp;
import dev.salespulse.web.kafka.KafkaClients;
import dev.salespulse.web.kafka.TopicAdmin;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
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
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
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
  private static final Pattern ORDERS = Pattern.compile("\"orders\":(\\d+)");
  private final PrintWriter out;
  private final HttpClient http = HttpClient.newHttpClient();

  public Benchmark(PrintWriter out) {
    this.out = out;
  }

  /**
   * What the serving phases do after the catch-up ({@code salespulse bench --serving}).
   *
   * @param wsClients WebSocket clients of /ws/live during the freshness probes (0: none)
   * @param connections keep-alive connections of the REST load (0: no REST load)
   * @param path the path and query the REST load asks for
   */
  public record Serving(
      int wsClients, int connections, String path, Duration warmup, Duration duration) {
    public static final Serving NONE = new Serving(0, 0, "", Duration.ZERO, Duration.ZERO);
  }

  /**
   * @param serving the serving phases, {@link Serving#NONE} for the catch-up and freshness only
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
      Map<String, Object> clients = KafkaClients.config(config, broker.bootstrapServers());
      Topics topics = new Topics(config.topicPrefix());
      TopicAdmin.ensureTopics(clients, KafkaClients.newTopics(config), Duration.ofSeconds(60));
      out.printf(
          "bench: %,d events, %d partitions, %s, %d cores, max heap %d MB%n",
          events,
          config.topicPartitions(),
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
              config.timezone(),
              sent -> out.printf("  produced %,d%n", sent));
      double produceSeconds = seconds(produceStart);
      out.printf(
          "backlog produced: %,d events in %.1f s (%,.0f events/s), %d failed%n",
          events, produceSeconds, events / produceSeconds, failed);
      out.flush();

      long catchUpStart = System.nanoTime();
      long cpuStart = processCpuNanos();
      ThreadCpu threadCpu = ThreadCpu.snapshot();
      List<String> inputs = List.of(topics.orders().name(), topics.activities().name());
      if (baseline) {
        Properties props =
            BaselineTopology.properties(
                broker.bootstrapServers(), dir.resolve("baseline-state").toString());
        try (KafkaStreams streams = new KafkaStreams(BaselineTopology.build(topics), props);
            Admin admin = Admin.create(clients)) {
          streams.start();
          CatchUp progress =
              awaitCaughtUp(
                  new ConsumerLag(admin, BaselineTopology.APPLICATION_ID),
                  inputs,
                  List.of(BaselineTopology.APPLICATION_ID + "-baseline-rep-revenue-repartition"),
                  () -> streams.state() == KafkaStreams.State.RUNNING,
                  events,
                  catchUpStart);
          report("the 2-KPI baseline", events, catchUpStart, cpuStart, threadCpu, progress);
          printInternalRecords(admin, BaselineTopology.APPLICATION_ID, events);
        }
      } else {
        try (SalesPulseApp app = SalesPulseApp.start(config, false, Clock.systemUTC(), e -> {});
            Admin admin = Admin.create(clients)) {
          URI ready = URI.create("http://localhost:" + app.httpPort() + "/health/ready");
          CatchUp progress =
              awaitCaughtUp(
                  new ConsumerLag(admin, config.applicationId()),
                  inputs,
                  List.of(
                      config.applicationId() + "-scope-deltas-repartition",
                      config.applicationId() + "-customer-orders-repartition"),
                  () -> isReady(ready),
                  events,
                  catchUpStart);
          report("SalesPulse", events, catchUpStart, cpuStart, threadCpu, progress);
          printInternalRecords(admin, config.applicationId(), events);
          try (LiveLoad load = LiveLoad.start(clients, topics, loadRate)) {
            measureFreshness(
                app, clients, topics, probes, load, serving.wsClients(), config.pushHz());
            if (serving.connections() > 0) {
              new ServingLoad(out, app.httpPort(), config.viewerToken()).run(serving, load.rate());
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

  /** CPU time of every thread of this process so far, which other processes' load does not skew. */
  private static long processCpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * What the catch-up looked like: seconds until Streams was running (its first ready answer), and
   * the input rate between {@link #STEADY_FROM} and {@link #STEADY_TO} of the backlog read, which
   * leaves out the start and the JIT compiler's first seconds.
   */
  record CatchUp(double runningAfterSeconds, double steadyEventsPerSecond) {}

  /** Input events read by some second of the catch-up. */
  private record Progress(double seconds, double read) {}

  private static final double STEADY_FROM = 0.3;
  private static final double STEADY_TO = 0.9;

  private void report(
      String what, long events, long start, long cpuStart, ThreadCpu threadCpu, CatchUp progress) {
    double catchUp = seconds(start);
    out.printf(
        "catch-up: %,d events in %.1f s = %,.0f events/s (start of Streams included)%n",
        events, catchUp, events / catchUp);
    out.printf(
        "  from %s's start until Streams runs: %.1f s;"
            + " steady rate while the middle %d %% of the backlog was read: %,.0f events/s%n",
        what,
        progress.runningAfterSeconds(),
        Math.round(100 * (STEADY_TO - STEADY_FROM)),
        progress.steadyEventsPerSecond());
    double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
    out.printf(
        "catch-up CPU of this process (broker, Streams, GC, JIT): %.1f s = %.1f us per event,"
            + " %.2f of %d cores%n",
        cpuSeconds,
        cpuSeconds * 1e6 / events,
        cpuSeconds / catchUp,
        Runtime.getRuntime().availableProcessors());
    threadCpu.printSince(out, events, (processCpuNanos() - cpuStart));
    out.flush();
  }

  /**
   * What the application wrote to its internal topics (changelogs, repartitions) during the
   * catch-up: the broker's and the producer's share of the CPU follows these.
   */
  private void printInternalRecords(Admin admin, String applicationId, long events)
      throws Exception {
    List<String> internal =
        admin.listTopics().names().get().stream()
            .filter(name -> name.startsWith(applicationId + "-"))
            .sorted()
            .toList();
    Map<String, Long> written = new java.util.TreeMap<>();
    ConsumerLag.endOffsets(admin, internal)
        .forEach((partition, end) -> written.merge(partition.topic(), end, Long::sum));
    out.printf("records written to internal topics (commit markers included):%n");
    written.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(
            e ->
                out.printf(
                    "  %,12d  %5.2f per event  %s%n",
                    e.getValue(),
                    (double) e.getValue() / events,
                    e.getKey().substring(applicationId.length() + 1)));
    out.flush();
  }

  /**
   * Waits until every input and internal (repartition) record is processed; times are measured from
   * {@code start}, when the application was started.
   */
  private CatchUp awaitCaughtUp(
      ConsumerLag lag,
      List<String> inputs,
      List<String> internal,
      BooleanSupplier running,
      long events,
      long start)
      throws Exception {
    double runningAfter = Double.NaN;
    Progress steadyFrom = null;
    Progress steadyTo = null;
    long lastReport = 0;
    while (true) {
      long remaining;
      try {
        ConsumerLag.Lag left = lag.remaining(inputs, internal);
        remaining = left.total();
        double read = (double) (events - left.inputs()) / events;
        if (steadyFrom == null && read >= STEADY_FROM) {
          steadyFrom = new Progress(seconds(start), events - left.inputs());
        }
        if (steadyTo == null && read >= STEADY_TO) {
          steadyTo = new Progress(seconds(start), events - left.inputs());
        }
      } catch (java.util.concurrent.ExecutionException e) {
        remaining = Long.MAX_VALUE; // the group or its repartition topic does not exist yet
      }
      if (Double.isNaN(runningAfter) && running.getAsBoolean()) {
        runningAfter = seconds(start);
      }
      if (remaining == 0) {
        double steady =
            steadyFrom == null || steadyTo == null || steadyTo.seconds() <= steadyFrom.seconds()
                ? Double.NaN
                : (steadyTo.read() - steadyFrom.read())
                    / (steadyTo.seconds() - steadyFrom.seconds());
        return new CatchUp(Double.isNaN(runningAfter) ? seconds(start) : runningAfter, steady);
      }
      if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(5)) {
        out.printf(
            "  records left to process: %s%n",
            remaining == Long.MAX_VALUE ? "(starting)" : String.format("%,d", remaining));
        out.flush();
        lastReport = System.nanoTime();
      }
      TimeUnit.MILLISECONDS.sleep(Double.isNaN(runningAfter) ? 50 : 250);
    }
  }

  /**
   * Event to REST, and with WebSocket clients event to WebSocket: a probe order for the rep {@code
   * bench-probe} is produced every half second on top of the live load, and the time from its send
   * until {@code GET /api/v1/kpis} counts it (polled every 5 ms) is recorded, and for each
   * WebSocket client the time until a message of its subscription carries it.
   */
  private void measureFreshness(
      SalesPulseApp app,
      Map<String, Object> clients,
      Topics topics,
      int probes,
      LiveLoad load,
      int wsClients,
      int pushHz)
      throws Exception {
    Histogram latencies = new Histogram(TimeUnit.MINUTES.toMillis(5), 3);
    LiveClients live = null;
    if (wsClients > 0) {
      out.printf("opening %,d WebSocket clients of /ws/live (%s)%n", wsClients, loadAverage());
      out.flush();
      live =
          LiveClients.open(
              URI.create("ws://localhost:" + app.httpPort() + "/ws/live"),
              wsClients,
              "rep:bench-probe",
              probes);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (live.subscribed() < wsClients && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(100);
      }
      out.printf("  %,d of %,d clients have their snapshot%n", live.subscribed(), wsClients);
      live.takeDeliveries();
    }
    out.printf(
        "freshness: %d probe orders, one every 0.5 s, on top of ~%,.0f events/s of live load (%s)%n",
        probes, load.rate(), loadAverage());
    out.flush();
    long messagesBefore = live == null ? 0 : live.messages();
    long charactersBefore = live == null ? 0 : live.characters();
    long probeStart = System.nanoTime();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(clients, new StringSerializer(), new StringSerializer())) {
      URI probeUri =
          URI.create(
              "http://localhost:"
                  + app.httpPort()
                  + "/api/v1/kpis?scope=rep:bench-probe&period=today");
      for (int i = 1; i <= probes; i++) {
        String id = "bench-probe-" + i;
        String json =
            "{\"eventId\":\"%s\",\"type\":\"ORDER_PLACED\",\"orderId\":\"%s\",\"occurredAt\":\"%s\",\"repId\":\"bench-probe\",\"currency\":\"USD\",\"amount\":1.00}"
                .formatted(id, id, Instant.now());
        if (live != null) {
          live.probeSent(i);
        }
        long sentAt = System.nanoTime();
        producer.send(new ProducerRecord<>(topics.orders().name(), id, json));
        producer.flush();
        while (ordersCounted(probeUri) < i) {
          TimeUnit.MILLISECONDS.sleep(5);
        }
        latencies.recordValue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt));
        if (i % 10 == 0) {
          out.printf("  probe %d: event -> REST %d ms%n", i, latencies.getMaxValue());
          out.flush();
        }
        TimeUnit.MILLISECONDS.sleep(500);
      }
      out.printf(
          "event -> REST (produce until GET /api/v1/kpis counts it, polled every 5 ms), %d probes: "
              + "p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
          probes,
          latencies.getValueAtPercentile(50),
          latencies.getValueAtPercentile(90),
          latencies.getValueAtPercentile(99),
          latencies.getMaxValue());
    }
    if (live != null) {
      try (LiveClients clientsToClose = live) {
        long expected = (long) probes * live.size();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (live.delivered() < expected && System.nanoTime() < deadline) {
          TimeUnit.MILLISECONDS.sleep(50);
        }
        double seconds = seconds(probeStart);
        Histogram ws = live.takeDeliveries();
        out.printf(
            "event -> WebSocket delivered, %,d clients subscribed to company:all and the probe rep,"
                + " %d pushes/s: %,d of %,d deliveries, p50 %d ms, p90 %d ms, p99 %d ms,"
                + " max %d ms%n",
            live.size(),
            pushHz,
            live.delivered(),
            expected,
            ws.getValueAtPercentile(50),
            ws.getValueAtPercentile(90),
            ws.getValueAtPercentile(99),
            ws.getMaxValue());
        out.printf(
            "  WebSocket traffic: %,.0f messages/s, %,.1f MB/s; %d clients closed%n",
            (live.messages() - messagesBefore) / seconds,
            (live.characters() - charactersBefore) / seconds / 1e6,
            live.closed());
      }
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

  private long ordersCounted(URI uri) throws Exception {
    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    Matcher orders = ORDERS.matcher(response.body());
    return response.statusCode() == 200 && orders.find() ? Long.parseLong(orders.group(1)) : -1;
  }

  private static double seconds(long startNanos) {
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
