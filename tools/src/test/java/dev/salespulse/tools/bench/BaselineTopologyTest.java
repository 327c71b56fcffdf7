package dev.salespulse.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.topology.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;

/** The yardstick of {@code bench --baseline} counts what its Javadoc says it counts. */
class BaselineTopologyTest {
  private static final Instant AT = Instant.parse("2026-11-27T09:00:30Z");

  @Test
  void sumsPlacedRevenuePerRepAndMinuteAndCountsCallsPerRep() throws Exception {
    Topics topics = new Topics("");
    Properties props =
        BaselineTopology.properties(
            "localhost:9092", Files.createTempDirectory("baseline-").toString());
    try (TopologyTestDriver driver =
        new TopologyTestDriver(BaselineTopology.build(topics), props)) {
      TestInputTopic<byte[], byte[]> orders =
          driver.createInputTopic(
              topics.orders().name(), new ByteArraySerializer(), new ByteArraySerializer());
      TestInputTopic<String, byte[]> activities =
          driver.createInputTopic(
              topics.activities().name(), new StringSerializer(), new ByteArraySerializer());

      orders.pipeInput("o-1".getBytes(), order("ORDER_PLACED", "rep-1", "125.50", AT));
      orders.pipeInput(
          "o-2".getBytes(), order("ORDER_PLACED", "rep-1", "4.50", AT.plusSeconds(10)));
      orders.pipeInput("o-1".getBytes(), order("ORDER_CANCELLED", "rep-1", "125.50", AT));
      activities.pipeInput("rep-1", activity("CALL"));
      activities.pipeInput("rep-1", activity("EMAIL"));
      activities.pipeInput("rep-1", activity("CALL"));

      WindowStore<String, Long> revenue = driver.getWindowStore("baseline-rep-revenue-store");
      KeyValueStore<String, Long> calls = driver.getKeyValueStore("baseline-rep-calls-store");
      long minute = AT.minusSeconds(30).toEpochMilli();
      assertThat(revenue.fetch("rep-1", minute)).isEqualTo(13_000L);
      assertThat(calls.get("rep-1")).isEqualTo(2L);
    }
  }

  private static byte[] order(String type, String rep, String amount, Instant at) {
    return ("{\"type\":\"%s\",\"repId\":\"%s\",\"amount\":%s,\"occurredAt\":\"%s\"}"
            .formatted(type, rep, amount, at))
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] activity(String type) {
    return ("{\"type\":\"%s\",\"repId\":\"rep-1\"}".formatted(type))
        .getBytes(StandardCharsets.UTF_8);
  }
}
