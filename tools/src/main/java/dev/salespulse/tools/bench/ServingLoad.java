package dev.salespulse.tools.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The REST load of {@code salespulse bench --serving}: {@link HttpLoad} asks one path over
 * keep-alive connections for a warm-up, then for the measured duration, with progress lines every 5
 * s and a summary: requests/s, latency percentiles, errors by status, and where the CPU went (the
 * whole process, the generator's own thread, and per request once the live load's share is taken
 * out).
 */
final class ServingLoad {
  private static final Pattern CUSTOMERS = Pattern.compile("\"customers\":(\\d+|null)");
  private static final long REPORT_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final PrintWriter out;
  private final int port;
  private final Optional<String> token;

  ServingLoad(PrintWriter out, int port, Optional<String> token) {
    this.out = out;
    this.port = port;
    this.token = token;
  }

  void run(Benchmark.Serving serving, double liveRate) throws Exception {
    describeAnswer(serving.path());
    double idleCores = liveLoadCores(liveRate);
    out.printf(
        "REST load: GET %s over %d keep-alive connections, %d s warm-up then %d s measured,"
            + " ~%,.0f events/s of live load going on (it alone uses %.2f cores); %s%n",
        serving.path(),
        serving.connections(),
        serving.warmup().toSeconds(),
        serving.duration().toSeconds(),
        liveRate,
        idleCores,
        Benchmark.loadAverage());
    out.flush();
    Map<String, String> headers =
        token.map(t -> Map.of("Authorization", "Bearer " + t)).orElse(Map.of());
    try (HttpLoad load =
        HttpLoad.start("localhost", port, serving.path(), headers, serving.connections())) {
      phase(load, serving.warmup().toNanos(), "warm-up", null);
      Histogram total = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
      long cpuStart = processCpuNanos();
      long serverThreadsStart = serverThreadsCpuNanos();
      long generatorStart = load.cpuNanos();
      long requestsStart = load.completed();
      Map<String, Long> errorsStart = load.errors();
      long start = System.nanoTime();
      phase(load, serving.duration().toNanos(), "measured", total);
      double seconds = (System.nanoTime() - start) / 1e9;
      long requests = load.completed() - requestsStart;
      double cpu = (processCpuNanos() - cpuStart) / 1e9;
      double serverThreads = (serverThreadsCpuNanos() - serverThreadsStart) / 1e9;
      double generator = (load.cpuNanos() - generatorStart) / 1e9;
      out.printf(
          "REST load result: %,d requests in %.1f s = %,.0f requests/s; latency p50 %s, p90 %s,"
              + " p99 %s, p99.9 %s, max %s ms%n",
          requests,
          seconds,
          requests / seconds,
          ms(total.getValueAtPercentile(50)),
          ms(total.getValueAtPercentile(90)),
          ms(total.getValueAtPercentile(99)),
          ms(total.getValueAtPercentile(99.9)),
          ms(total.getMaxValue()));
      Map<String, Long> errors = load.errors();
      errorsStart.forEach((kind, count) -> errors.merge(kind, -count, Long::sum));
      errors.values().removeIf(count -> count == 0);
      out.printf("  errors: %s%n", errors.isEmpty() ? "none" : errors);
      int cores = Runtime.getRuntime().availableProcessors();
      double serverCpu = cpu - generator - idleCores * seconds;
      out.printf(
          "  CPU of this process: %.2f of %d cores; the load generator's own thread %.2f cores"
              + " (%.0f %% of the process); server CPU per request (without the generator and the"
              + " live load's %.2f cores): %s; %s%n",
          cpu / seconds,
          cores,
          generator / seconds,
          100 * generator / cpu,
          idleCores,
          serverCpu > 0 && requests > 0
              ? String.format("%.1f us", serverCpu * 1e6 / requests)
              : "not measurable (the live load alone used more)",
          Benchmark.loadAverage());
      out.printf(
          "  CPU of the HTTP server's threads (%s*: parsing, routing, the query, JSON, metrics):"
              + " %.1f us per request%n",
          SERVER_THREADS, serverThreads * 1e6 / Math.max(1, requests));
      out.flush();
    }
  }

  /** The name Javalin gives the threads of Jetty's pool, which answer every request. */
  private static final String SERVER_THREADS = "JettyServerThreadPool";

  /** CPU time so far of the threads that answer HTTP requests (live ones only). */
  private static long serverThreadsCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith(SERVER_THREADS)) {
        sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return sum;
  }

  /** Runs the load for {@code nanos}, printing a line every 5 s; adds to {@code total} if given. */
  private void phase(HttpLoad load, long nanos, String name, Histogram total) throws Exception {
    long end = System.nanoTime() + nanos;
    load.takeInterval();
    long lastCount = load.completed();
    long last = System.nanoTime();
    while (System.nanoTime() < end) {
      TimeUnit.NANOSECONDS.sleep(Math.min(REPORT_NANOS, end - System.nanoTime()));
      Histogram interval = load.takeInterval();
      if (total != null) {
        total.add(interval);
      }
      long count = load.completed();
      double seconds = (System.nanoTime() - last) / 1e9;
      out.printf(
          "  %s: %,8.0f requests/s, p50 %s, p99 %s, max %s ms, errors so far %d%n",
          name,
          (count - lastCount) / seconds,
          ms(interval.getValueAtPercentile(50)),
          ms(interval.getValueAtPercentile(99)),
          ms(interval.getMaxValue()),
          load.errors().values().stream().mapToLong(Long::longValue).sum());
      out.flush();
      lastCount = count;
      last = System.nanoTime();
    }
  }

  /** One request first, to show what is being asked for: status, size, customers counted. */
  private void describeAnswer(String path) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    Matcher customers = CUSTOMERS.matcher(response.body());
    out.printf(
        "GET %s answers %d, %,d bytes, customers %s%n",
        path,
        response.statusCode(),
        response.body().length(),
        customers.find() ? customers.group(1) : "(none)");
  }

  /**
   * Cores this process uses over 5 s with only the live load running, and which threads use them,
   * per live event.
   */
  private double liveLoadCores(double liveRate) throws InterruptedException {
    long cpu = processCpuNanos();
    ThreadCpu threadCpu = ThreadCpu.snapshot();
    long start = System.nanoTime();
    TimeUnit.SECONDS.sleep(5);
    long elapsed = System.nanoTime() - start;
    long used = processCpuNanos() - cpu;
    out.printf("CPU of the live load alone, per live event, by thread:%n");
    threadCpu.printSince(out, Math.max(1, Math.round(liveRate * elapsed / 1e9)), used);
    return (double) used / elapsed;
  }

  private static long processCpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String ms(long micros) {
    return String.format("%.2f", micros / 1000.0);
  }
}
