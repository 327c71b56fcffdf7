package dev.salespulse.web.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Liveness (the process answers) and readiness (Kafka Streams is RUNNING: tasks assigned and stores
 * restored, so answers are complete).
 */
final class HealthHandler {
  private final Supplier<KafkaStreams.State> streamsState;

  HealthHandler(Supplier<KafkaStreams.State> streamsState) {
    this.streamsState = streamsState;
  }

  void live(Context ctx) {
    ctx.json(Map.of("status", "UP"));
  }

  void ready(Context ctx) {
    KafkaStreams.State state = streamsState.get();
    boolean ready = state == KafkaStreams.State.RUNNING;
    if (!ready) {
      ctx.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "2");
    }
    ctx.json(Map.of("status", ready ? "UP" : "DOWN", "streams", state.name()));
  }
}
