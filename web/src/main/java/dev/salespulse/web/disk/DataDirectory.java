package dev.salespulse.web.disk;

import dev.salespulse.streams.config.StorageConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A directory SalesPulse writes to, with the name an operator knows it by.
 *
 * @param name what the directory is, as said in messages and in the {@code directory} label of
 *     {@code disk_free_bytes}: {@code data}, {@code state}, {@code broker}
 */
public record DataDirectory(String name, String description, Path path) {

  /**
   * The directories of a configuration: the data directory, the Kafka Streams state directory under
   * it, and the embedded broker's log directory when SalesPulse runs one.
   *
   * @param embeddedBroker whether SalesPulse runs its own broker (no bootstrap servers set)
   */
  public static List<DataDirectory> of(StorageConfig storage, boolean embeddedBroker) {
    List<DataDirectory> directories = new ArrayList<>();
    directories.add(new DataDirectory("data", "data directory", storage.dataDir()));
    directories.add(new DataDirectory("state", "state directory", storage.stateDir()));
    if (embeddedBroker) {
      directories.add(
          new DataDirectory("broker", "embedded broker's log directory", storage.brokerDir()));
    }
    return directories;
  }
}
