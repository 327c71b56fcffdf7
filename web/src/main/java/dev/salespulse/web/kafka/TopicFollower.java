package dev.salespulse.web.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one of SalesPulse's own output topics on a daemon thread of its own and hands each batch
 * of records to a handler. It reads every partition, assigned, without a consumer group and without
 * committing (any instance may need any partition), and committed records only, as the topology
 * writes them in exactly-once transactions.
 *
 * <p>A failure while reading or handling a batch is logged and the follower goes on after a second:
 * the records of that batch are not read again. {@link #close()} stops it and closes the consumer.
 */
public final class TopicFollower implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final KafkaConsumer<String, String> consumer;
  private final String topic;
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * Assigns every partition of {@code topic}, lets {@code start} seek where to begin (on the
   * caller's thread, so a failure there reaches the caller), then polls on a thread named {@code
   * threadName}, passing every non-empty batch to {@code onBatch}.
   */
  public TopicFollower(
      Map<String, Object> clientConfig,
      String topic,
      String clientId,
      String threadName,
      Consumer<KafkaConsumer<String, String>> start,
      Consumer<ConsumerRecords<String, String>> onBatch) {
    this.topic = topic;
    consumer = readerOfAllPartitions(clientConfig, topic, clientId);
    try {
      start.accept(consumer);
    } catch (RuntimeException e) {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
      throw e;
    }
    thread = new Thread(() -> run(onBatch), threadName);
    thread.setDaemon(true);
    thread.start();
  }

  private void run(Consumer<ConsumerRecords<String, String>> onBatch) {
    try {
      while (running) {
        try {
          ConsumerRecords<String, String> records = consumer.poll(POLL);
          if (!records.isEmpty()) {
            onBatch.accept(records);
          }
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          LOG.error("Reading {} failed; retrying in {} ms", topic, RETRY.toMillis(), e);
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

  private static KafkaConsumer<String, String> readerOfAllPartitions(
      Map<String, Object> clientConfig, String topic, String clientId) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    consumer.assign(
        consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(info -> new TopicPartition(topic, info.partition()))
            .toList());
    return consumer;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(10_000);
  }
}
