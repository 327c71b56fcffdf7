package dev.salespulse.tools.simulate;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The backfill's progress on the console: a bar redrawn in place on a terminal, otherwise a plain
 * line at every tenth of the way.
 */
public final class ConsoleProgress implements Backfill.Progress {
  private static final int WIDTH = 30;

  private final PrintStream out;
  private final boolean terminal;
  private long lastTenth = -1;

  public ConsoleProgress(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** On standard output, as a bar when it is a terminal. */
  public static ConsoleProgress stdout() {
    return new ConsoleProgress(System.out, System.console() != null);
  }

  @Override
  public void update(long sent, long total) {
    long percent = total == 0 ? 100 : sent * 100 / total;
    String line = line(sent, total);
    if (terminal) {
      int filled = (int) (percent * WIDTH / 100);
      out.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + line);
      if (sent >= total) {
        out.println();
      }
      out.flush();
    } else if (percent / 10 != lastTenth) {
      lastTenth = percent / 10;
      out.println(line);
    }
  }

  /** The line for {@code sent} of {@code total}, as printed. */
  static String line(long sent, long total) {
    return String.format(
        Locale.ROOT,
        "Backfilling history: %,d / %,d events (%d %%)",
        sent,
        total,
        total == 0 ? 100 : sent * 100 / total);
  }
}
