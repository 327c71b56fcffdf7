package dev.salespulse.streams.config;

import java.nio.file.Path;

/**
 * Where and how much SalesPulse keeps on disk and off-heap.
 *
 * @param dataDir {@code SALESPULSE_DATA_DIR}: the embedded broker's log and the state stores
 * @param rocksDbMemoryMb {@code SALESPULSE_ROCKSDB_MEMORY_MB}, of all RocksDB stores together
 * @param diskMinFreeMb {@code SALESPULSE_DISK_MIN_FREE_MB} the data directories need at start
 */
public record StorageConfig(Path dataDir, int rocksDbMemoryMb, int diskMinFreeMb) {

  static StorageConfig from(Settings settings) {
    return new StorageConfig(
        settings.value(ConfigKey.DATA_DIR, "a directory path", Path::of),
        settings.intIn(ConfigKey.ROCKSDB_MEMORY_MB, 16, 1_048_576),
        settings.intIn(ConfigKey.DISK_MIN_FREE_MB, 0, 1_048_576));
  }

  /** Where Kafka Streams keeps its RocksDB state: under the data directory, never in /tmp. */
  public Path stateDir() {
    return dataDir.resolve("state");
  }

  /** Where the embedded broker keeps its log. */
  public Path brokerDir() {
    return dataDir.resolve("kafka");
  }
}
