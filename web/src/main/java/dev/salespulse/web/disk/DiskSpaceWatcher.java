package dev.salespulse.web.disk;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.system.DiskSpaceMetrics;
import java.io.File;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Free space of the directories SalesPulse writes to while it runs: {@code disk_free_bytes} and
 * {@code disk_total_bytes} (Micrometer's {@link DiskSpaceMetrics}) labelled {@code directory}
 * (state, broker) and {@code path}, for the {@code SalesPulseDiskFilling} and {@code
 * SalesPulseDiskFullSoon} alerts; and one WARN line when a directory's file system falls below
 * {@link #LOW_SHARE} free (one INFO line when it is back above), so the log says it too.
 */
public final class DiskSpaceWatcher implements AutoCloseable {
  /** The share of a file system left free below which SalesPulse warns (as the alert does). */
  static final double LOW_SHARE = 0.10;

  private static final Duration CHECK_INTERVAL = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(DiskSpaceWatcher.class);

  private final List<DataDirectory> directories;
  private final Set<String> low = new HashSet<>();
  private final ScheduledExecutorService checker =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "disk-space");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * @param directories watched, except the data directory itself (state and broker lie under it)
   */
  public DiskSpaceWatcher(List<DataDirectory> directories, MeterRegistry registry) {
    this.directories =
        directories.stream().filter(directory -> !directory.name().equals("data")).toList();
    for (DataDirectory directory : this.directories) {
      new DiskSpaceMetrics(
              directory.path().toAbsolutePath().toFile(), Tags.of("directory", directory.name()))
          .bindTo(registry);
    }
    long interval = CHECK_INTERVAL.toMillis();
    checker.scheduleWithFixedDelay(this::check, 0, interval, TimeUnit.MILLISECONDS);
  }

  /** Logs each directory whose file system went below, or back above, the low share. */
  synchronized void check() {
    for (DataDirectory directory : directories) {
      File path = directory.path().toAbsolutePath().toFile();
      long free = path.getUsableSpace();
      long total = path.getTotalSpace();
      if (total <= 0) {
        continue;
      }
      boolean isLow = free < LOW_SHARE * total;
      if (isLow && low.add(directory.name())) {
        LOG.warn(
            "Disk space low: the {} {} has {} MB free of {} MB ({}%). When it is full, Kafka"
                + " Streams stops (exit code 1) and the embedded broker halts; free space or move"
                + " SALESPULSE_DATA_DIR to a larger volume (docs/operations.md, Disk).",
            directory.description(),
            path,
            free / (1024 * 1024),
            total / (1024 * 1024),
            Math.round(100.0 * free / total));
      } else if (!isLow && low.remove(directory.name())) {
        LOG.info(
            "Disk space of the {} {} is back to {} MB free",
            directory.description(),
            path,
            free / (1024 * 1024));
      }
    }
  }

  /** Whether the directory's file system was below the low share at the last check. */
  synchronized boolean isLow(String directoryName) {
    return low.contains(directoryName);
  }

  @Override
  public void close() {
    checker.shutdownNow();
  }
}
