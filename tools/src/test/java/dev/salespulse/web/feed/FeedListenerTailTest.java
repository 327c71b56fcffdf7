package dev.salespulse.web.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.salespulse.streams.events.LargeDeal;
import dev.salespulse.tools.broker.EmbeddedKafkaBroker;
import dev.salespulse.web.kafka.TopicAdmin;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A web instance starting against a {@code sales.feed} that already holds deals (a restart): the
 * contract's feed is "latest large deals", newest first (DESIGN.md, "sales.feed and GET
 * /api/v1/feed": the tail of every partition into a bounded list of 200). With several partitions
 * each holding 200 or more deals, the board must hold the 200 newest of them all, not the tail of
 * whichever partition happened to be read last.
 */
@Tag("slow")
class FeedListenerTailTest {
  private static final String TOPIC = "sales.feed";
  private static final int PARTITIONS = 4;
  private static final int DEALS = 800;
  private static final Instant START = Instant.parse("2026-11-26T08:00:00Z");

  @Test
  void startsWithTheNewestDealsOfAllPartitionsNewestFirst(@TempDir Path dataDir) throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
      Map<String, Object> clients =
          Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      TopicAdmin.ensureTopics(
          clients, List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1)), Duration.ofSeconds(30));
      // Deal i lands at START + i minutes, on partition i % 4: the partitions interleave in time.
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  broker.bootstrapServers(),
                  ProducerConfig.ACKS_CONFIG,
                  "all"),
              new StringSerializer(),
              new StringSerializer())) {
        for (int i = 0; i < DEALS; i++) {
          producer.send(new ProducerRecord<>(TOPIC, i % PARTITIONS, "o-" + i, deal(i).toJson()));
        }
        producer.flush();
      }

      FeedBoard board = new FeedBoard();
      List<String> newest200 =
          IntStream.range(0, FeedBoard.CAPACITY)
              .mapToObj(n -> "deal:o-" + (DEALS - 1 - n))
              .toList();
      try (FeedListener listener = new FeedListener(clients, TOPIC, board)) {
        // Every partition's tail (200 records each) is read within a few polls; a board kept in
        // arrival order would end up holding the last partition read and never match.
        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () ->
                    assertThat(board.latest(FeedBoard.CAPACITY))
                        .extracting(FeedItem::id)
                        .containsExactlyElementsOf(newest200));
      }
    }
  }

  private static LargeDeal deal(int i) {
    return new LargeDeal(
        "o-" + i,
        "e-" + i,
        START.plus(Duration.ofMinutes(i)),
        "rep-" + (i % 7),
        "Rep " + (i % 7),
        "team-north",
        "EMEA",
        Optional.of("phone"),
        new BigDecimal("6000.00"),
        "USD",
        new BigDecimal("6000.00"),
        "USD");
  }
}
