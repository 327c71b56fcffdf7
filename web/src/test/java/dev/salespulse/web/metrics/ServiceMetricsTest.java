package dev.salespulse.web.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.topology.TopologyMetrics;
import io.micrometer.core.instrument.Meter;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceMetricsTest {

  @Test
  void kafkaStreamsMetersAreRemovedWhenTheMetricsAreClosed(@TempDir Path stateDir) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in").to("out");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "binder-test");
    props.put(StreamsConfig.CLIENT_ID_CONFIG, "binder-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
      ServiceMetrics metrics = new ServiceMetrics();
      metrics.bindStreams(streams);
      assertThat(kafkaMeters(metrics)).isPositive();
      assertThat(metrics.scrape()).contains("kafka_stream_client_state");

      metrics.close();

      assertThat(kafkaMeters(metrics)).isZero();
    }
  }

  @Test
  void jvmAndProcessMetersAreThereFromTheStart() {
    try (ServiceMetrics metrics = new ServiceMetrics()) {
      assertThat(metrics.scrape())
          .contains("jvm_memory_used_bytes")
          .contains("jvm_threads_live_threads")
          .contains("process_cpu_usage")
          .contains("process_uptime_seconds");
    }
  }

  @Test
  void freshnessIsAHistogramOfSevenExplicitBuckets() {
    try (ServiceMetrics metrics = new ServiceMetrics()) {
      new TopologyMetrics(metrics.registry());
      List<String> buckets =
          metrics
              .scrape()
              .lines()
              .filter(line -> line.startsWith("salespulse_event_freshness_seconds_bucket"))
              .map(line -> line.substring(line.indexOf("le=\"") + 4, line.indexOf("\"}")))
              .toList();
      assertThat(buckets)
          .containsExactly("0.25", "1.0", "5.0", "30.0", "120.0", "600.0", "3600.0", "+Inf");
    }
  }

  private static long kafkaMeters(ServiceMetrics metrics) {
    return metrics.registry().getMeters().stream()
        .map(Meter::getId)
        .filter(id -> id.getName().startsWith("kafka."))
        .count();
  }
}
