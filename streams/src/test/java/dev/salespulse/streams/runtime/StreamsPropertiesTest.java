package dev.salespulse.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.config.ConfigLoader;
import dev.salespulse.streams.config.SalesPulseConfig;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsPropertiesTest {

  @Test
  void theGlobalStoresRestoreWithoutWaitingHalfASecondPerPartition() {
    Properties props = properties(Map.of());

    StreamsConfig streams = new StreamsConfig(props);
    assertThat(streams.getGlobalConsumerConfigs("c").get("fetch.max.wait.ms"))
        .isEqualTo(StreamsProperties.GLOBAL_FETCH_MAX_WAIT_MS);
    assertThat(streams.getMainConsumerConfigs("g", "c", 0))
        .as("the stream threads' consumers keep Kafka's default")
        .doesNotContainKey("fetch.max.wait.ms");
  }

  @Test
  void aCommitWaitsOutABrokerOutageInsteadOfTimingOutAfterAMinute() {
    Properties props = properties(Map.of());

    Map<String, Object> producer = new StreamsConfig(props).getProducerConfigs("c");
    assertThat(producer.get(ProducerConfig.MAX_BLOCK_MS_CONFIG))
        .isEqualTo(StreamsProperties.OUTAGE_WAIT_MS);
    assertThat(producer.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG))
        .as("Kafka Streams' exactly-once default: records wait as long")
        .isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void aTaskDoesNotWaitForRecordsOfEachOfItsPartitions() {
    StreamsConfig streams = new StreamsConfig(properties(Map.of()));

    assertThat(streams.getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG))
        .as("record timestamps are the wall clock of the read, nothing to interleave by")
        .isEqualTo(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    assertThat(streams.getClass(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG))
        .isEqualTo(InputTimestamps.class);
  }

  @Test
  void queriesReadWhatTheStoresWereGivenBeforeItIsCommitted() {
    StreamsConfig streams = new StreamsConfig(properties(Map.of()));

    assertThat(streams.getBoolean(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG)).isTrue();
    assertThat(streams.defaultInteractiveQueryIsolationLevel())
        .as("a live floor's change is read at once, as it was through the record cache")
        .isEqualTo(IsolationLevel.READ_UNCOMMITTED);
  }

  @Test
  void kafkaSettingsGivenByTheOperatorWin() {
    Properties props =
        properties(
            Map.of(
                "SALESPULSE_KAFKA_GLOBAL_CONSUMER_FETCH_MAX_WAIT_MS", "400",
                "SALESPULSE_KAFKA_COMMIT_INTERVAL_MS", "250"));

    StreamsConfig streams = new StreamsConfig(props);
    assertThat(streams.getGlobalConsumerConfigs("c").get("fetch.max.wait.ms")).hasToString("400");
    assertThat(streams.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(250L);
    assertThat(streams.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
        .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
  }

  private static Properties properties(Map<String, String> env) {
    SalesPulseConfig config = ConfigLoader.load(env, Map.of());
    return StreamsProperties.of(
        config.kafka(), config.storage(), "localhost:9092", "localhost:8080");
  }
}
