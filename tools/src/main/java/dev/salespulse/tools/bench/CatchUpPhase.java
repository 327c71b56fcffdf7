package dev.salespulse.tools.bench;

import static dev.salespulse.tools.bench.Benchmark.seconds;

import com.sun.management.OperatingSystemMXBean;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * The benchmark's catch-up phase: how long the application takes to process a backlog produced
 * while it was down, its CPU, and what it wrote to its internal topics.
 */
final class CatchUpPhase {
  private final PrintWriter out;

  CatchUpPhase(PrintWriter out) {
    this.out = out;
  }

  /** CPU time of every thread of this process so far, which other processes' load does not skew. */
  static long processCpuNanos() {
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

  void report(
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
  void printInternalRecords(Admin admin, String applicationId, long events) throws Exception {
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
  CatchUp awaitCaughtUp(
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
}
