package dev.salespulse.tools.importer;

import java.io.PrintWriter;

/**
 * Progress of an import: on a terminal, one bar redrawn in place at most ten times a second;
 * otherwise (a pipe, a log, CI) a plain line every few seconds and at the end of each file.
 */
final class ImportProgress {
  private static final int WIDTH = 30;
  private static final long TERMINAL_EVERY_NANOS = 100_000_000L;
  private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;

  private final PrintWriter out;
  private final boolean terminal;
  private long lastNanos;

  ImportProgress(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
    this.lastNanos = System.nanoTime();
  }

  void update(String file, long bytesRead, long size, long accepted, long rejected) {
    long now = System.nanoTime();
    if (now - lastNanos < (terminal ? TERMINAL_EVERY_NANOS : PLAIN_EVERY_NANOS)) {
      return;
    }
    lastNanos = now;
    print(file, bytesRead, size, accepted, rejected);
  }

  void fileDone(String file, long size, long accepted, long rejected) {
    print(file, size, size, accepted, rejected);
    if (terminal) {
      out.println();
    }
    out.flush();
  }

  private void print(String file, long bytesRead, long size, long accepted, long rejected) {
    int percent = size == 0 ? 100 : (int) Math.min(100, bytesRead * 100 / size);
    String counts = String.format("%,d accepted, %,d rejected", accepted, rejected);
    if (terminal) {
      int filled = percent * WIDTH / 100;
      out.print(
          "\r"
              + file
              + " ["
              + "#".repeat(filled)
              + " ".repeat(WIDTH - filled)
              + "] "
              + String.format("%3d%%", percent)
              + "  "
              + counts
              + "  ");
    } else {
      out.println(file + ": " + percent + " % read, " + counts);
    }
    out.flush();
  }
}
