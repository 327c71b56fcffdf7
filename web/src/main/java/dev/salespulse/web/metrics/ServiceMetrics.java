package dev.salespulse.web.metrics;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The Prometheus registry of the process with the JVM, process, HTTP and Kafka Streams meters. HTTP
 * requests are timed by route template (never the raw path), so ids in URLs add no series.
 */
public final class ServiceMetrics implements AutoCloseable {
  /** The exposition format {@code /metrics} answers with (Prometheus text format 0.0.4). */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /**
   * The methods the {@code method} label names; any other (a client may send any token) is {@code
   * OTHER}, so that clients cannot add series.
   */
  private static final Set<String> HTTP_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Map<RequestLabels, Timer> requestTimers = new ConcurrentHashMap<>();
  private KafkaStreamsMetrics streamsMetrics;

  public ServiceMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    gc.bindTo(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Binds the Kafka Streams client's metrics; call after {@link KafkaStreams#start()}. */
  public void bindStreams(KafkaStreams streams) {
    streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
  }

  public void recordRequest(String method, String route, int status, Duration duration) {
    String label = HTTP_METHODS.contains(method) ? method : "OTHER";
    // Found by its labels rather than built and registered at every request: the builder sorts
    // its tags and the registry hashes them, which showed in the cost of a cheap request.
    requestTimers
        .computeIfAbsent(
            new RequestLabels(label, route, status),
            labels ->
                Timer.builder("http.server.requests")
                    .description("HTTP requests by route template")
                    .tag("method", labels.method())
                    .tag("route", labels.route())
                    .tag("status", Integer.toString(labels.status()))
                    .register(registry))
        .record(duration);
  }

  /** The labels of one {@code http.server.requests} series, as bounded as the series are. */
  private record RequestLabels(String method, String route, int status) {}

  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    if (streamsMetrics != null) {
      streamsMetrics.close();
    }
    gc.close();
    registry.close();
  }
}
