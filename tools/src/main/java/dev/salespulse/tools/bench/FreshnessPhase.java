package dev.salespulse.tools.bench;

import static dev.salespulse.tools.bench.Benchmark.loadAverage;
import static dev.salespulse.tools.bench.Benchmark.seconds;

import dev.salespulse.streams.topology.Topics;
import dev.salespulse.web.SalesPulseApp;
import java.io.PrintWriter;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The benchmark's freshness phase: probe orders on top of the live load, timed until the REST API
 * counts them and, with WebSocket clients, until each client is sent them.
 */
final class FreshnessPhase {
  private static final Pattern ORDERS = Pattern.compile("\"orders\":(\\d+)");
  private final PrintWriter out;
  private final HttpClient http = HttpClient.newHttpClient();

  FreshnessPhase(PrintWriter out) {
    this.out = out;
  }

  /**
   * Event to REST, and with WebSocket clients event to WebSocket: a probe order for the rep {@code
   * bench-probe} is produced every half second on top of the live load, and the time from its send
   * until {@code GET /api/v1/kpis} counts it (polled every 5 ms) is recorded, and for each
   * WebSocket client the time until a message of its subscription carries it.
   */
  void measureFreshness(
      SalesPulseApp app,
      Map<String, Object> clients,
      Topics topics,
      int probes,
      LiveLoad load,
      int wsClients,
      Duration settle,
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
    settle(settle);
    if (live != null) {
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

  /**
   * Runs the live load (and keeps the WebSocket clients connected) for {@code settle}, showing
   * every 10 s how much of it the JIT compilers spent compiling: a service past its warm-up
   * compiles little.
   */
  private void settle(Duration settle) throws InterruptedException {
    if (settle.isZero()) {
      return;
    }
    out.printf("settling: %d s of live load before the probes%n", settle.toSeconds());
    out.flush();
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    long end = System.nanoTime() + settle.toNanos();
    while (System.nanoTime() < end) {
      long compiledBefore = jit.getTotalCompilationTime();
      long start = System.nanoTime();
      TimeUnit.NANOSECONDS.sleep(Math.min(TimeUnit.SECONDS.toNanos(10), end - System.nanoTime()));
      double elapsedMs = (System.nanoTime() - start) / 1e6;
      out.printf(
          "  JIT compiling %.0f %% of a core (%s)%n",
          100.0 * (jit.getTotalCompilationTime() - compiledBefore) / elapsedMs, loadAverage());
      out.flush();
    }
  }

  private long ordersCounted(URI uri) throws Exception {
    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    Matcher orders = ORDERS.matcher(response.body());
    return response.statusCode() == 200 && orders.find() ? Long.parseLong(orders.group(1)) : -1;
  }
}
