package dev.salespulse.streams.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lifecycle of the one {@link KafkaStreams} client of a process. An error that escapes a stream
 * thread shuts the whole client down ({@code SHUTDOWN_CLIENT}) and is reported to {@code onFatal},
 * so the process can exit non-zero instead of serving frozen numbers.
 */
public final class StreamsService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamsService.class);

  private final KafkaStreams streams;
  private final StreamsClock clock;

  /**
   * @param wallClock the process's wall clock; Kafka Streams runs on a {@link StreamsClock} that
   *     starts at its time now, so later jumps of it do not reach the topology
   */
  public StreamsService(
      Topology topology, Properties properties, Consumer<Throwable> onFatal, Clock wallClock) {
    this.clock = StreamsClock.startingAt(wallClock);
    this.streams = new KafkaStreams(topology, properties, clock);
    streams.setUncaughtExceptionHandler(
        error -> {
          LOG.error("Stream thread failed; shutting the Streams client down", error);
          onFatal.accept(error);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    streams.setStateListener(
        (now, before) -> LOG.info("Kafka Streams state {} -> {}", before, now));
  }

  public void start() {
    streams.start();
  }

  public KafkaStreams streams() {
    return streams;
  }

  /** The clock Kafka Streams runs on. */
  public StreamsClock clock() {
    return clock;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /**
   * Closes the client and leaves the consumer group, so that a restarted instance gets its tasks
   * back at once instead of after the old member's session times out.
   */
  @Override
  public void close() {
    CloseOptions options =
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(30));
    if (!streams.close(options)) {
      LOG.warn("Kafka Streams did not close within 30 s");
    }
  }
}
