package dev.salespulse.streams.testing;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Env;
import org.rocksdb.Options;
import org.rocksdb.RocksMemEnv;

/**
 * Keeps RocksDB's files in memory instead of on disk. TopologyTestDriver commits, and so flushes
 * every store, after each record; a test that pipes thousands of records (the model-based property)
 * otherwise spends most of its time writing tiny SST files. The stores are the same RocksDB stores;
 * only their files live in a {@link RocksMemEnv}. Kafka Streams' own files (checkpoints, locks)
 * stay in the state directory.
 *
 * <p>Kafka's default per-store RocksDB options are kept, not the production {@code
 * BoundedRocksDbConfig}: its block cache is shared by every store of the JVM and keeps a pointer to
 * the clock of the first store's environment, which must not be one freed by {@link #release}.
 * Memory bounds do not change what the stores hold.
 *
 * <p>Use it with {@code SALESPULSE_KAFKA_ROCKSDB_CONFIG_SETTER} = {@link #SETTING}, and call {@link
 * #release(Path)} with the state directory once the driver is closed: one memory file system per
 * state directory, freed there (Kafka calls {@link #close} before it closes the database, too early
 * to free its files).
 */
public final class InMemoryRocksDbFiles implements RocksDBConfigSetter {
  public static final String SETTING = InMemoryRocksDbFiles.class.getName();

  private static final Map<String, RocksMemEnv> FILE_SYSTEMS = new ConcurrentHashMap<>();

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    String stateDir = String.valueOf(configs.get(StreamsConfig.STATE_DIR_CONFIG));
    options.setEnv(
        FILE_SYSTEMS.computeIfAbsent(stateDir, dir -> new RocksMemEnv(Env.getDefault())));
  }

  @Override
  public void close(String storeName, Options options) {}

  /** Frees the in-memory files of every store under {@code stateDir}; call after closing. */
  public static void release(Path stateDir) {
    RocksMemEnv files = FILE_SYSTEMS.remove(stateDir.toAbsolutePath().toString());
    if (files != null) {
      files.close();
    }
  }
}
