package dev.salespulse.tools.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU time of this process's Java threads, grouped by name (digits dropped, so the two stream
 * threads are one group): where the catch-up's CPU went. What the JVM spends outside Java threads
 * (garbage collection, JIT compilation) is the rest of the process's CPU time.
 */
final class ThreadCpu {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> startNanos = new HashMap<>();
  private final Map<String, Long> startTicksByTask = nativeTicks();

  private ThreadCpu() {}

  static ThreadCpu snapshot() {
    ThreadCpu snapshot = new ThreadCpu();
    for (long id : snapshot.threads.getAllThreadIds()) {
      long cpu = snapshot.threads.getThreadCpuTime(id);
      if (cpu >= 0) {
        snapshot.startNanos.put(id, cpu);
      }
    }
    return snapshot;
  }

  /** Prints the groups that used at least 1 % of the process's CPU since the snapshot. */
  void printSince(PrintWriter out, long events, long processNanos) {
    Map<String, Long> byGroup = new HashMap<>();
    long javaThreads = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long cpu = threads.getThreadCpuTime(info.getThreadId());
      if (cpu < 0) {
        continue;
      }
      long used = cpu - startNanos.getOrDefault(info.getThreadId(), 0L);
      byGroup.merge(group(info.getThreadName()), used, Long::sum);
      javaThreads += used;
    }
    Map<String, Long> nativeTicks = nativeTicks();
    if (!nativeTicks.isEmpty()) {
      // Threads the JVM does not list (GC, JIT compilers, RocksDB's background threads), by the
      // name the OS knows them by, from /proc.
      Map<String, Long> nativeGroups = new HashMap<>();
      nativeTicks.forEach(
          (task, ticks) -> {
            String name = task.substring(task.indexOf(' ') + 1);
            if (NATIVE_THREADS.matcher(name).lookingAt()) {
              long used = ticks - startTicksByTask.getOrDefault(task, 0L);
              nativeGroups.merge(group(name), used * NANOS_PER_TICK, Long::sum);
            }
          });
      nativeGroups.forEach((name, nanos) -> byGroup.put("[native] " + name, nanos));
      javaThreads += nativeGroups.values().stream().mapToLong(Long::longValue).sum();
    }
    byGroup.put("(not attributed: ended threads, other)", processNanos - javaThreads);
    byGroup.entrySet().stream()
        .filter(e -> e.getValue() * 100 >= processNanos)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(
            e ->
                out.printf(
                    "    %5.1f us/event %4.0f %%  %s%n",
                    e.getValue() / 1e3 / events, 100.0 * e.getValue() / processNanos, e.getKey()));
  }

  /** The JVM's and RocksDB's own threads, as named in /proc/self/task/N/comm. */
  private static final Pattern NATIVE_THREADS =
      Pattern.compile("GC Thread|G1 |C[12] Compiler|VM Thread|rocksdb");

  /** Linux's USER_HZ: /proc reports CPU time in ticks of 10 ms. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  /** "tid name" → user + system ticks of every thread of this process; empty where no /proc. */
  private static Map<String, Long> nativeTicks() {
    Map<String, Long> ticks = new HashMap<>();
    Path tasks = Path.of("/proc/self/task");
    try (var dirs = Files.list(tasks)) {
      dirs.forEach(
          dir -> {
            try {
              String stat = Files.readString(dir.resolve("stat"));
              String name = Files.readString(dir.resolve("comm")).strip();
              String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
              // After "pid (comm) ": state is field 3, utime field 14, stime field 15.
              long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
              ticks.put(dir.getFileName() + " " + name, used);
            } catch (IOException | RuntimeException e) {
              // the thread ended while being read: nothing to count
            }
          });
    } catch (IOException e) {
      return Map.of();
    }
    return ticks;
  }

  private static String group(String threadName) {
    return threadName.replaceAll("\\d+", "N");
  }
}
