package dev.salespulse.web.live;

import dev.salespulse.streams.stores.DayKey;
import dev.salespulse.web.KafkaClients;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
  private volatile boolean running = true;

  public KpiChangeListener(
      Map<String, Object> clientConfig, String topic, Consumer<String> onScopeChanged) {
    consumer = KafkaClients.readerOfAllPartitions(clientConfig, topic, "salespulse-live-feed");
    consumer.seekToEnd(consumer.assignment());
    thread = new Thread(() -> run(onScopeChanged), "kpi-change-listener");
    thread.setDaemon(true);
    thread.start();
  }

  private void run(Consumer<String> onScopeChanged) {
    try {
      while (running) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.key() != null) {
            onScopeChanged.accept(scopeOf(record.key()));
          }
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop
    } catch (RuntimeException e) {
      LOG.error("The live feed stopped following kpi changes: clients get no more updates", e);
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
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
