package dev.salespulse.streams.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lifecycle of the one {@link KafkaStreams} client of a process. An error that escapes a stream
 * thread shuts the whole client down ({@code SHUTDOWN_CLIENT}) and is reported to {@code onFatal},
 * so the process can exit non-zero instead of serving frozen numbers; except a transient one (the
 * brokers away or slow: a timeout or another retriable client error), after which the thread is
 * replaced and the client lives on. A replaced thread's tasks are closed dirty: under exactly-once
 * their open transaction is aborted and they resume from the last committed offsets, so nothing is
 * lost or counted twice.
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
          StreamThreadExceptionResponse response = responseTo(error);
          if (response == StreamThreadExceptionResponse.REPLACE_THREAD) {
            LOG.warn("Stream thread failed on a transient error; replacing the thread", error);
          } else {
            LOG.error("Stream thread failed; shutting the Streams client down", error);
            onFatal.accept(error);
          }
          return response;
        });
    streams.setStateListener(
        (now, before) -> LOG.info("Kafka Streams state {} -> {}", before, now));
  }

  /** REPLACE_THREAD when a retriable client error caused the failure, else SHUTDOWN_CLIENT. */
  static StreamThreadExceptionResponse responseTo(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof RetriableException) {
        return StreamThreadExceptionResponse.REPLACE_THREAD;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
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
