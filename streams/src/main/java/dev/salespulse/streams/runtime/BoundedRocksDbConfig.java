package dev.salespulse.streams.runtime;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store of the process: one block cache shared by all
 * stores (index and filter blocks included), and one write buffer manager that charges memtables to
 * the same cache. The total is {@code SALESPULSE_ROCKSDB_MEMORY_MB}; a quarter of it may be
 * memtables. Without this, each store segment sizes its own caches and memtables and the process
 * grows with the number of partitions and segments.
 *
 * <p>The cache and manager are shared for the life of the process (their size is fixed by the first
 * store opened) and are deliberately not closed per store.
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {
  /** The Streams property carrying the budget in bytes (set by {@link StreamsProperties}). */
  public static final String MEMORY_BYTES = "salespulse.rocksdb.memory.bytes";

  private static final double INDEX_FILTER_RATIO = 0.1;
  private static final long MEMTABLE_BYTES = 16L * 1024 * 1024;
  private static Cache cache;
  private static WriteBufferManager writeBuffers;

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    long budget = Long.parseLong(String.valueOf(configs.get(MEMORY_BYTES)));
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(sharedCache(budget));
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferManager(sharedWriteBuffers(budget));
    options.setWriteBufferSize(Math.min(MEMTABLE_BYTES, budget / 8));
    options.setMaxWriteBufferNumber(2);
    options.setTableFormatConfig(table);
  }

  private static synchronized Cache sharedCache(long budget) {
    if (cache == null) {
      cache = new LRUCache(budget, -1, false, INDEX_FILTER_RATIO);
    }
    return cache;
  }

  private static synchronized WriteBufferManager sharedWriteBuffers(long budget) {
    if (writeBuffers == null) {
      writeBuffers = new WriteBufferManager(budget / 4, sharedCache(budget));
    }
    return writeBuffers;
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and the write buffer manager are shared by every store: never closed here.
  }
}
