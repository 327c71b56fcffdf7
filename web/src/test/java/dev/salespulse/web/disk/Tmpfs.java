package dev.salespulse.web.disk;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small real file system for tests of full and read-only disks: a tmpfs of a given size mounted
 * on a directory (Linux, as root: CI runs as root), unmounted on close.
 */
public final class Tmpfs implements AutoCloseable {
  private final Path mountPoint;

  private Tmpfs(Path mountPoint) {
    this.mountPoint = mountPoint;
  }

  /**
   * @param options mount options, e.g. {@code size=64m} or {@code size=8m,ro}
   */
  public static Tmpfs mount(Path mountPoint, String options) {
    run(List.of("mount", "-t", "tmpfs", "-o", options, "tmpfs", mountPoint.toString()));
    return new Tmpfs(mountPoint);
  }

  public Path path() {
    return mountPoint;
  }

  /** Fills the file system with one file until {@code leftBytes} are left (about: tmpfs pages). */
  public void fillLeaving(long leftBytes) throws IOException {
    long free = mountPoint.toFile().getUsableSpace();
    try (RandomAccessFile filler =
        new RandomAccessFile(mountPoint.resolve("filler").toFile(), "rw")) {
      byte[] block = new byte[1 << 20];
      for (long written = 0; written + block.length <= free - leftBytes; written += block.length) {
        filler.write(block);
      }
    }
  }

  /** Fills the file system to the last byte with one file. */
  public void fillUp() throws IOException {
    try (RandomAccessFile filler =
        new RandomAccessFile(mountPoint.resolve("filler").toFile(), "rw")) {
      filler.seek(filler.length());
      byte[] block = new byte[4096];
      while (true) {
        try {
          filler.write(block);
        } catch (IOException full) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    run(List.of("umount", mountPoint.toString()));
  }

  private static void run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("%s did not finish within 30 s", command);
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        fail(
            "%s failed (%s): tests of full and read-only disks mount a tmpfs and need root, as CI"
                + " runs",
            command, output.strip());
      }
    } catch (IOException e) {
      fail("cannot run %s: %s", command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted running %s", command);
    }
  }
}
