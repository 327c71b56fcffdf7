package dev.salespulse.web.kafka;

import dev.salespulse.streams.config.ConfigException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the application's topics and waits until they can take writes.
 *
 * <p>Right after a topic is created its partitions may not have a leader yet; an idempotent
 * producer sending at once can then lose its first batch (NOT_LEADER followed by
 * OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout, the KAFKA-15591 family). So this waits
 * until the leader of every partition answers a latest-offset request.
 *
 * <p>Limits: topics that already exist are left as they are, even when their partition count or
 * configuration differs from the requested one.
 */
public final class TopicAdmin {

  private static final Logger log = LoggerFactory.getLogger(TopicAdmin.class);
  private static final long RETRY_BACKOFF_MS = 50;

  private TopicAdmin() {}

  /**
   * Creates the topics that do not exist yet (existing ones are left as they are), then waits until
   * every partition of every given topic has a leader, so a producer that sends right after does
   * not lose its first batch.
   *
   * @param adminConfig Admin client configuration, at least {@code bootstrap.servers}
   * @return the number of partitions of each topic (existing topics may have other counts than
   *     asked for)
   * @throws IllegalStateException naming the topic and the cause, when a topic cannot be created or
   *     its partitions have no leader within {@code timeout}
   */
  public static Map<String, Integer> ensureTopics(
      Map<String, Object> adminConfig, Collection<NewTopic> topics, Duration timeout) {
    if (topics.isEmpty()) {
      return Map.of();
    }
    try (Admin admin = Admin.create(adminConfig)) {
      return ensureTopics(admin, topics, timeout);
    }
  }

  /** As {@link #ensureTopics(Map, Collection, Duration)}, with an admin client of the caller's. */
  public static Map<String, Integer> ensureTopics(
      Admin admin, Collection<NewTopic> topics, Duration timeout) {
    if (topics.isEmpty()) {
      return Map.of();
    }
    long deadlineNanos = System.nanoTime() + timeout.toNanos();
    try {
      create(admin, topics, deadlineNanos);
      return awaitLeaders(admin, topics.stream().map(NewTopic::name).toList(), deadlineNanos)
          .stream()
          .collect(Collectors.toMap(TopicPartition::topic, tp -> 1, Integer::sum));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics " + names(topics), e);
    }
  }

  private static void create(Admin admin, Collection<NewTopic> topics, long deadlineNanos)
      throws InterruptedException {
    Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
    for (NewTopic topic : topics) {
      try {
        results.get(topic.name()).get(remainingMillis(deadlineNanos), TimeUnit.MILLISECONDS);
        log.info("Created topic {}", topic);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof InvalidReplicationFactorException) {
          throw new ConfigException(
              "Invalid SALESPULSE_TOPIC_REPLICATION="
                  + topic.replicationFactor()
                  + ": the cluster cannot create topic "
                  + topic.name()
                  + " with it ("
                  + e.getCause().getMessage()
                  + ")");
        }
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException(
              "Cannot create topic " + topic.name() + ": " + e.getCause().getMessage(),
              e.getCause());
        }
      } catch (TimeoutException e) {
        throw new IllegalStateException(
            "Topic " + topic.name() + " was not created in time: is the broker reachable?", e);
      }
    }
  }

  private static List<TopicPartition> awaitLeaders(
      Admin admin, List<String> topicNames, long deadlineNanos) throws InterruptedException {
    Exception lastFailure = null;
    while (System.nanoTime() < deadlineNanos) {
      try {
        List<TopicPartition> partitions = partitions(admin, topicNames, deadlineNanos);
        Map<TopicPartition, OffsetSpec> latest =
            partitions.stream()
                .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
        admin
            .listOffsets(latest, new ListOffsetsOptions().timeoutMs(remainingMillis(deadlineNanos)))
            .all()
            .get(remainingMillis(deadlineNanos), TimeUnit.MILLISECONDS);
        return partitions;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof RetriableException)) {
          throw new IllegalStateException(
              "Topics " + topicNames + " are not usable: " + e.getCause().getMessage(),
              e.getCause());
        }
        lastFailure = e;
      } catch (TimeoutException e) {
        lastFailure = e;
      }
      TimeUnit.MILLISECONDS.sleep(RETRY_BACKOFF_MS);
    }
    throw new IllegalStateException(
        "The partitions of topics " + topicNames + " have no leader yet", lastFailure);
  }

  private static List<TopicPartition> partitions(
      Admin admin, List<String> topicNames, long deadlineNanos)
      throws ExecutionException, TimeoutException, InterruptedException {
    Map<String, TopicDescription> descriptions =
        admin
            .describeTopics(topicNames)
            .allTopicNames()
            .get(remainingMillis(deadlineNanos), TimeUnit.MILLISECONDS);
    return descriptions.values().stream()
        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
        .toList();
  }

  private static int remainingMillis(long deadlineNanos) {
    long remaining = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, remaining));
  }

  private static List<String> names(Collection<NewTopic> topics) {
    return topics.stream().map(NewTopic::name).toList();
  }
}
