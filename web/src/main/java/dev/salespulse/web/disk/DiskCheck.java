package dev.salespulse.web.disk;

import dev.salespulse.streams.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The start check of the directories SalesPulse writes to: each must exist or be creatable, take a
 * file, and have at least {@code SALESPULSE_DISK_MIN_FREE_MB} free. Otherwise the start stops with
 * one line that names the directory and the setting (a {@link ConfigException}: exit code 2),
 * before the broker or Kafka Streams would fail on it later with a stack trace, or fill the disk to
 * the last byte.
 */
public final class DiskCheck {
  private static final long MB = 1024L * 1024;

  private DiskCheck() {}

  /**
   * @throws ConfigException naming the first directory that cannot be used
   */
  public static void requireUsable(List<DataDirectory> directories, long minFreeMb) {
    for (DataDirectory directory : directories) {
      requireWritable(directory);
      requireFreeSpace(directory, minFreeMb);
    }
  }

  private static void requireWritable(DataDirectory directory) {
    Path path = directory.path().toAbsolutePath();
    try {
      Files.createDirectories(path);
      Path probe = Files.createTempFile(path, ".salespulse-write-check", ".tmp");
      try {
        Files.write(probe, new byte[] {1});
      } finally {
        Files.deleteIfExists(probe);
      }
    } catch (IOException | SecurityException e) {
      throw new ConfigException(
          "The "
              + directory.description()
              + " "
              + path
              + " cannot be written ("
              + reason(e)
              + "): choose another SALESPULSE_DATA_DIR (--data-dir) or make it writable.");
    }
  }

  private static void requireFreeSpace(DataDirectory directory, long minFreeMb) {
    Path path = directory.path().toAbsolutePath();
    long free;
    try {
      free = Files.getFileStore(path).getUsableSpace();
    } catch (IOException e) {
      throw new ConfigException(
          "Cannot read the free space of the " + directory.description() + " " + path + ".");
    }
    if (free < minFreeMb * MB) {
      throw new ConfigException(
          "The "
              + directory.description()
              + " "
              + path
              + " has "
              + free / MB
              + " MB free, less than SALESPULSE_DISK_MIN_FREE_MB="
              + minFreeMb
              + ": free some space or choose another SALESPULSE_DATA_DIR (--data-dir).");
    }
  }

  /** The exception's own words: "Read-only file system", "Not a directory", the path refused. */
  private static String reason(Exception e) {
    String message = e.getMessage();
    String kind = e.getClass().getSimpleName();
    if (e instanceof java.nio.file.FileAlreadyExistsException exists) {
      return exists.getFile() + " is a file, not a directory";
    }
    if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return message == null ? kind : kind + ": " + message;
  }
}
