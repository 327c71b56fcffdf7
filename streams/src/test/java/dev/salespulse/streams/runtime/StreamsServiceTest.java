package dev.salespulse.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamsServiceTest {

  @Test
  void shouldReplaceTheThreadWhenTheBrokersTimedOut() {
    StreamsException failedCommit =
        new StreamsException(
            "task timed out", new TimeoutException("Timeout expired after 60000ms"));

    assertThat(StreamsService.responseTo(failedCommit))
        .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
  }

  @Test
  void shouldShutTheClientDownOnAnyOtherError() {
    assertThat(StreamsService.responseTo(new StreamsException(new SerializationException("bad"))))
        .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    assertThat(StreamsService.responseTo(new IllegalStateException("a bug")))
        .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
  }
}
