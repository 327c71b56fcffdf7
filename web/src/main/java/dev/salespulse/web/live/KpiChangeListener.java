package dev.salespulse.web.live;

import dev.salespulse.streams.stores.DayKey;
import dev.salespulse.web.kafka.TopicFollower;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code sales.kpi-changes} from its end and reports each changed scope. Every instance
 * reads every partition (no consumer group), since any instance may have clients subscribed to any
 * scope; it reads committed records only, as the topology writes them in exactly-once transactions
 * ({@link TopicFollower}). Every live update comes through here: a failure is logged and the
 * listener goes on.
 */
public final class KpiChangeListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KpiChangeListener.class);

  private final TopicFollower follower;

  public KpiChangeListener(
      Map<String, Object> clientConfig, String topic, Consumer<String> onScopeChanged) {
    this(clientConfig, topic, onScopeChanged, () -> {});
  }

  public KpiChangeListener(
      Map<String, Object> clientConfig,
      String topic,
      Consumer<String> onScopeChanged,
      Runnable afterBatch) {
    follower =
        new TopicFollower(
            clientConfig,
            topic,
            "salespulse-live-feed",
            "kpi-change-listener",
            consumer -> consumer.seekToEnd(consumer.assignment()),
            records -> report(records, onScopeChanged, afterBatch));
  }

  private static void report(
      ConsumerRecords<String, String> records,
      Consumer<String> onScopeChanged,
      Runnable afterBatch) {
    for (ConsumerRecord<String, String> record : records) {
      if (record.key() != null) {
        report(onScopeChanged, scopeOf(record.key()));
      }
    }
    report(afterBatch);
  }

  /** One subscriber's failure is logged and skipped: the next changes still reach everyone. */
  private static void report(Consumer<String> onScopeChanged, String scope) {
    try {
      onScopeChanged.accept(scope);
    } catch (RuntimeException e) {
      LOG.error("Handling a change of {} failed; going on with the next", scope, e);
    }
  }

  private static void report(Runnable afterBatch) {
    try {
      afterBatch.run();
    } catch (RuntimeException e) {
      LOG.error("Handling a batch of kpi changes failed; going on with the next", e);
    }
  }

  private static String scopeOf(String key) {
    try {
      return DayKey.parseChangeKey(key).scope();
    } catch (RuntimeException e) {
      return key;
    }
  }

  @Override
  public void close() throws InterruptedException {
    follower.close();
  }
}
