package dev.salespulse.streams.topology;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;

/**
 * How the error handlers, which Kafka Streams builds from class names, reach the process's meter
 * registry and the topic prefix: they travel in the Streams properties.
 */
public final class ErrorHandlerSettings {
  /** Streams property holding the {@link MeterRegistry} the handlers count in. */
  public static final String METER_REGISTRY = "salespulse.meter.registry";

  /** Streams property holding {@code SALESPULSE_TOPIC_PREFIX}, to tell the topics apart. */
  public static final String TOPIC_PREFIX = "salespulse.topic.prefix";

  private ErrorHandlerSettings() {}

  /** The configured registry, or a private one when none was given (a test of one topology). */
  static MeterRegistry meters(Map<String, ?> configs) {
    return configs.get(METER_REGISTRY) instanceof MeterRegistry registry
        ? registry
        : new SimpleMeterRegistry();
  }
}
