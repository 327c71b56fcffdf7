package dev.salespulse.streams.topology;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.CachedStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action of a processor inside its task's next commit, before the commit's input offsets
 * and transaction: what a processor needs to keep sums in plain memory between records and still
 * never commit past input whose sums it has not sent on.
 *
 * <p>Kafka Streams' processor API has no such hook; its record caches have one, which is how a
 * cached KTable sends its changes on at each commit. This borrows it: a one-entry marker store, in
 * memory, cached and without a changelog, whose entry is made dirty by {@link #arm()}. Every commit
 * first flushes the task's caches (in {@code StreamTask.prepareCommit}, on the commit interval, at
 * a rebalance and at a clean close alike), and the flush of a dirty entry calls the store's flush
 * listener, which runs the action with the processor as the current node, so what it forwards goes
 * downstream in the same transaction. The cache may also evict the entry early (the thread's cache
 * full while this store is written); that runs the action early, which is harmless. Without a
 * record cache (Kafka Streams builds none when {@code statestore.cache.max.bytes} is 0) there is
 * nothing to hook into, and {@link #arm()} runs the action at once: correct, only without the
 * batching. Uses Kafka Streams' internal {@link CachedStateStore} and {@link
 * InternalProcessorContext}, as its DSL does; {@code CommitHookTest} runs it under a real task.
 */
final class CommitHook {
  private static final Logger LOG = LoggerFactory.getLogger(CommitHook.class);
  private static final String MARKER = "pending";
  private static final byte[] SET = {1};

  private final KeyValueStore<String, byte[]> marker;
  private final Runnable action;
  private boolean immediate;
  private boolean armed;

  private CommitHook(KeyValueStore<String, byte[]> marker, Runnable action) {
    this.marker = marker;
    this.action = action;
  }

  /**
   * Hooks the action into the commits of the context's task.
   *
   * @param markerStore a cached key-value store of strings to bytes connected to the processor
   *     ({@link SalesPulseTopology})
   */
  static CommitHook install(ProcessorContext<?, ?> context, String markerStore, Runnable action) {
    KeyValueStore<String, byte[]> marker = context.getStateStore(markerStore);
    CommitHook hook = new CommitHook(marker, action);
    if (!(context instanceof InternalProcessorContext<?, ?> internal)) {
      // A MockProcessorContext in a unit test: nothing commits there, the caller flushes by hand.
      return hook;
    }
    ProcessorNode<?, ?, ?, ?> node = internal.currentNode();
    boolean hooked =
        marker instanceof CachedStateStore<?, ?>
            && asCached(marker).setFlushListener(record -> hook.fire(internal, node), false);
    if (!hooked) {
      LOG.warn(
          "The store {} has no record cache (statestore.cache.max.bytes is 0?), so {} does for"
              + " each record what it does once per commit otherwise: exact, but slower",
          markerStore,
          node.name());
      hook.immediate = true;
    }
    return hook;
  }

  @SuppressWarnings("unchecked")
  private static CachedStateStore<String, byte[]> asCached(KeyValueStore<String, byte[]> store) {
    return (CachedStateStore<String, byte[]>) store;
  }

  /** Makes the next commit (or an earlier eviction) run the action; cheap when already armed. */
  void arm() {
    if (immediate) {
      action.run();
    } else if (!armed) {
      armed = true; // before the put: a put that evicts the entry fires at once
      marker.put(MARKER, SET);
    }
  }

  private void fire(InternalProcessorContext<?, ?> context, ProcessorNode<?, ?, ?, ?> node) {
    armed = false;
    ProcessorNode<?, ?, ?, ?> previous = context.currentNode();
    context.setCurrentNode(node);
    try {
      action.run();
    } finally {
      context.setCurrentNode(previous);
    }
  }
}
