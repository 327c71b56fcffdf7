package dev.salespulse.web.metrics;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
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
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The Prometheus registry of the process with the JVM, process, HTTP and Kafka Streams meters. HTTP
 * requests are timed by route template (never the raw path), so ids in URLs add no series.
 */
public final class ServiceMetrics implements AutoCloseable {
  /** The exposition format {@code /metrics} answers with (Prometheus text format 0.0.4). */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** A Kafka Streams gauge left out of the registry ({@link #withoutNativeGauges}). */
  private static final String UNCOMMITTED_BYTES = "uncommitted-bytes";

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
  private MeterBinder streamsMetrics;

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
    streamsMetrics = kafkaMetrics(() -> withoutNativeGauges(streams.metrics()));
    streamsMetrics.bindTo(registry);
  }

  /**
   * The client's metrics less {@code uncommitted-bytes}: that gauge of a transactional state store
   * reads RocksDB's native write batch, and read while its task closes (the task moving to another
   * instance in a rolling restart) it crashed the JVM with a SIGSEGV. The binder reads every
   * metric's value once a minute, so leaving it out of the registry alone is not enough.
   */
  static Map<MetricName, ? extends Metric> withoutNativeGauges(
      Map<MetricName, ? extends Metric> metrics) {
    Map<MetricName, Metric> kept = new HashMap<>();
    metrics.forEach(
        (name, metric) -> {
          if (!name.name().equals(UNCOMMITTED_BYTES)) {
            kept.put(name, metric);
          }
        });
    return kept;
  }

  /**
   * Micrometer's Kafka binder over a metrics supplier. {@code KafkaStreamsMetrics} reads the
   * client's whole map, and the supplier's binder ({@code KafkaMetrics}) is not public, hence the
   * reflection.
   */
  private static MeterBinder kafkaMetrics(Supplier<Map<MetricName, ? extends Metric>> metrics) {
    try {
      Constructor<?> constructor =
          KafkaStreamsMetrics.class.getSuperclass().getDeclaredConstructor(Supplier.class);
      constructor.setAccessible(true);
      return (MeterBinder) constructor.newInstance(metrics);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Micrometer's Kafka binder changed", e);
    }
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
    if (streamsMetrics instanceof AutoCloseable binder) {
      try {
        binder.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the Kafka Streams meters failed", e);
      }
    }
    gc.close();
    registry.close();
  }
}
