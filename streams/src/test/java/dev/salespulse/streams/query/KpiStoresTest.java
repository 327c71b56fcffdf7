package dev.salespulse.streams.query;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KpiStoresTest {

  /**
   * Kafka Streams refuses store queries once it is shut down or failed with an {@code
   * IllegalStateException}, not an {@code InvalidStateStoreException}: a query in that window was a
   * 500 instead of the 503 of stores that cannot be queried.
   */
  @Test
  void shouldReportStoresUnavailableOnceKafkaStreamsIsNoLongerRunning(@TempDir Path stateDir) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.table(
        "days",
        org.apache.kafka.streams.kstream.Materialized.as(Stores.inMemoryKeyValueStore("x")));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "kpi-stores-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    KafkaStreams streams = new KafkaStreams(builder.build(), props);
    streams.close();

    assertThatExceptionOfType(StoresUnavailableException.class)
        .isThrownBy(() -> KpiStores.of(streams).days().get())
        .withMessageContaining("NOT_RUNNING");
  }
}
