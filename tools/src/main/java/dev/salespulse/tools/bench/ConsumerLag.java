package dev.salespulse.tools.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records a consumer group still has to process on some topics. A topic written in
 * transactions ends with a commit marker the group never "consumes", so one record of lag per
 * partition is allowed there.
 */
final class ConsumerLag {
  private final Admin admin;
  private final String groupId;

  ConsumerLag(Admin admin, String groupId) {
    this.admin = admin;
    this.groupId = groupId;
  }

  /** Records left on the input topics and on the (transactional) internal topics. */
  record Lag(long inputs, long internal) {
    long total() {
      return inputs + internal;
    }
  }

  Lag remaining(Collection<String> topics, Collection<String> transactionalTopics)
      throws ExecutionException, InterruptedException {
    List<String> all = new java.util.ArrayList<>(topics);
    all.addAll(transactionalTopics);
    Map<TopicPartition, Long> ends = endOffsets(admin, all);
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
    long inputs = 0;
    long internal = 0;
    for (var end : ends.entrySet()) {
      OffsetAndMetadata done = committed.get(end.getKey());
      long behind = end.getValue() - (done == null ? 0 : done.offset());
      if (transactionalTopics.contains(end.getKey().topic())) {
        internal += Math.max(0, behind - 1);
      } else {
        inputs += Math.max(0, behind);
      }
    }
    return new Lag(inputs, internal);
  }

  /** The end offset of every partition of the topics. */
  static Map<TopicPartition, Long> endOffsets(Admin admin, Collection<String> topics)
      throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    admin
        .describeTopics(topics)
        .allTopicNames()
        .get()
        .forEach(
            (name, description) ->
                description
                    .partitions()
                    .forEach(
                        p ->
                            latest.put(
                                new TopicPartition(name, p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin.listOffsets(latest).all().get().forEach((p, end) -> ends.put(p, end.offset()));
    return ends;
  }
}
