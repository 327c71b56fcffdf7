package dev.salespulse.web.feed;

import dev.salespulse.streams.events.LargeDeal;
import dev.salespulse.web.kafka.TopicFollower;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code sales.feed} into a {@link FeedBoard}: at start, the last {@link
 * FeedBoard#CAPACITY} records of every partition (so a restarted server shows the deals it had),
 * then whatever comes. Like the KPI change listener it reads every partition without a consumer
 * group, committed records only ({@link TopicFollower}). The board orders entries by time, whatever
 * partition they come from.
 */
public final class FeedListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeedListener.class);

  private final TopicFollower follower;

  public FeedListener(Map<String, Object> clientConfig, String topic, FeedBoard board) {
    follower =
        new TopicFollower(
            clientConfig,
            topic,
            "salespulse-feed",
            "feed-listener",
            FeedListener::seekToTails,
            records -> add(records, board));
  }

  private static void seekToTails(KafkaConsumer<String, String> consumer) {
    Set<TopicPartition> partitions = consumer.assignment();
    Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
    for (TopicPartition partition : partitions) {
      consumer.seek(
          partition, Math.max(begin.get(partition), end.get(partition) - FeedBoard.CAPACITY));
    }
  }

  private static void add(ConsumerRecords<String, String> records, FeedBoard board) {
    for (ConsumerRecord<String, String> record : records) {
      if (record.value() == null) {
        continue;
      }
      LargeDeal.parse(record.value())
          .ifPresentOrElse(
              deal -> board.add(FeedItem.deal(deal)),
              () -> LOG.debug("Skipping an unreadable feed record at {}", record.offset()));
    }
  }

  @Override
  public void close() throws InterruptedException {
    follower.close();
  }
}
