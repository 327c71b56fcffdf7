package dev.salespulse.web.live;

import dev.salespulse.streams.stores.DayKey;
import dev.salespulse.web.kafka.KafkaClients;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code sales.kpi-changes} from its end and reports each changed scope. Every instance
 * reads every partition (no consumer group), since any instance may have clients subscribed to any
 * scope; it reads committed records only, as the topology writes them in exactly-once transactions.
 */
public final class KpiChangeListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KpiChangeListener.class);

  private final KafkaConsumer<String, String> consumer;
  private final Thread thread;
  private static final Duration RETRY = Duration.ofSeconds(1);
  private volatile boolean running = true;

  public KpiChangeListener(
      Map<String, Object> clientConfig, String topic, Consumer<String> onScopeChanged) {
    this(clientConfig, topic, onScopeChanged, () -> {});
  }

  public KpiChangeListener(
      Map<String, Object> clientConfig,
      String topic,
      Consumer<String> onScopeChanged,
      Runnable afterBatch) {
    consumer = KafkaClients.readerOfAllPartitions(clientConfig, topic, "salespulse-live-feed");
    consumer.seekToEnd(consumer.assignment());
    thread = new Thread(() -> run(onScopeChanged, afterBatch), "kpi-change-listener");
    thread.setDaemon(true);
    thread.start();
  }

  private void run(Consumer<String> onScopeChanged, Runnable afterBatch) {
    try {
      while (running) {
        try {
          ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
          for (ConsumerRecord<String, String> record : records) {
            if (record.key() != null) {
              report(onScopeChanged, scopeOf(record.key()));
            }
          }
          if (!records.isEmpty()) {
            report(afterBatch);
          }
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          // Every live update comes through here: log, wait a little, and go on.
          LOG.error("Reading kpi changes failed; retrying in {} ms", RETRY.toMillis(), e);
          Thread.sleep(RETRY.toMillis());
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
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
    running = false;
    consumer.wakeup();
    thread.join(10_000);
  }
}
