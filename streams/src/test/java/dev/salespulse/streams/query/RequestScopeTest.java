package dev.salespulse.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A request's deadline and its answer's staleness travel with the request on its thread, and only
 * while it is answered: code outside a request is never stopped nor marked by it.
 */
class RequestScopeTest {
  private static final Duration AMPLE = Duration.ofMinutes(10);

  @Test
  void shouldStopWorkOnceTheRequestIsPastItsDeadline() {
    try (RequestScope scope = RequestScope.open(Deadline.in(AMPLE).atMost(Duration.ZERO))) {
      assertThat(scope.deadline().passed()).isTrue();
      assertThatExceptionOfType(DeadlineExceededException.class)
          .isThrownBy(RequestScope::checkDeadline)
          .withMessage("not answered within the request deadline of 0 ms");
    }
    assertThatNoException().isThrownBy(RequestScope::checkDeadline);
  }

  @Test
  void shouldMarkOnlyTheAnswerOfTheRequestThatReadALaggingCopy() {
    RequestScope.markStale();
    assertThat(RequestScope.servedStale()).isFalse();
    try (RequestScope outer = RequestScope.open(Deadline.in(AMPLE))) {
      try (RequestScope inner = RequestScope.open(Deadline.in(AMPLE))) {
        RequestScope.markStale();
        assertThat(RequestScope.servedStale()).isTrue();
      }
      assertThat(RequestScope.current()).contains(outer);
      assertThat(RequestScope.servedStale()).isFalse();
    }
    assertThat(RequestScope.current()).isEmpty();
  }

  @Test
  void shouldNeverLengthenADeadline() {
    Deadline deadline = Deadline.in(Duration.ofSeconds(5));

    assertThat(deadline.atMost(AMPLE)).isSameAs(deadline);
    assertThat(deadline.atMost(Duration.ofSeconds(1)).remaining())
        .isLessThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(deadline.timeout()).isEqualTo(Duration.ofSeconds(5));
  }
}
