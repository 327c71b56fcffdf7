package dev.salespulse.web.feed;

import dev.salespulse.streams.events.LargeDeal;
import dev.salespulse.web.kafka.KafkaClients;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code sales.feed} into a {@link FeedBoard}: at start, the last {@link
 * FeedBoard#CAPACITY} records of every partition (so a restarted server shows the deals it had),
 * then whatever comes. Like the KPI change listener it reads every partition without a consumer
 * group, committed records only. The board orders entries by time, whatever partition they come
 * from.
 */
public final class FeedListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeedListener.class);

  private final KafkaConsumer<String, String> consumer;
  private final Thread thread;
  private static final Duration RETRY = Duration.ofSeconds(1);
  private volatile boolean running = true;

  public FeedListener(Map<String, Object> clientConfig, String topic, FeedBoard board) {
    consumer = KafkaClients.readerOfAllPartitions(clientConfig, topic, "salespulse-feed");
    Set<TopicPartition> partitions = consumer.assignment();
    Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
    for (TopicPartition partition : partitions) {
      consumer.seek(
          partition, Math.max(begin.get(partition), end.get(partition) - FeedBoard.CAPACITY));
    }
    thread = new Thread(() -> run(board), "feed-listener");
    thread.setDaemon(true);
    thread.start();
  }

  private void run(FeedBoard board) {
    try {
      while (running) {
        try {
          for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
            if (record.value() == null) {
              continue;
            }
            LargeDeal.parse(record.value())
                .ifPresentOrElse(
                    deal -> board.add(FeedItem.deal(deal)),
                    () -> LOG.debug("Skipping an unreadable feed record at {}", record.offset()));
          }
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          LOG.error("Reading sales.feed failed; retrying in {} ms", RETRY.toMillis(), e);
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

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(10_000);
  }
}
