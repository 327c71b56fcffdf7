package dev.salespulse.web.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Liveness (the process answers) and readiness: 200 while Kafka Streams is RUNNING (tasks assigned
 * and stores restored, so answers are complete), 503 otherwise. With the brokers unreachable but
 * the stores still open, readiness stays 200 with status {@code STALE} and the reason: the instance
 * answers from its local state, marked stale, and a load balancer should keep sending it the
 * wallboards' queries rather than take away the last numbers they have.
 */
final class HealthHandler {
  private final Supplier<KafkaStreams.State> streamsState;
  private final Supplier<Optional<Instant>> brokersUnreachableSince;

  HealthHandler(
      Supplier<KafkaStreams.State> streamsState,
      Supplier<Optional<Instant>> brokersUnreachableSince) {
    this.streamsState = streamsState;
    this.brokersUnreachableSince = brokersUnreachableSince;
  }

  void live(Context ctx) {
    ctx.json(Map.of("status", "UP"));
  }

  void ready(Context ctx) {
    KafkaStreams.State state = streamsState.get();
    Optional<Instant> away = brokersUnreachableSince.get();
    boolean ready = state == KafkaStreams.State.RUNNING;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", !ready ? "DOWN" : away.isPresent() ? "STALE" : "UP");
    body.put("streams", state.name());
    away.ifPresent(
        since -> {
          body.put("brokersUnreachableSince", since.toString());
          body.put(
              "reason",
              "Kafka brokers unreachable since "
                  + since
                  + (ready
                      ? "; answering from this instance's local state, marked stale"
                      : "; this instance's stores cannot be read"));
        });
    if (!ready) {
      ctx.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "2");
    }
    ctx.json(body);
  }
}
