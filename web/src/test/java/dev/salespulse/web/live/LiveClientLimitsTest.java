package dev.salespulse.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What one live client may ask for: scopes per subscription and messages over time. */
class LiveClientLimitsTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long START = 42 * SECOND;
  private static final long PUSH_PERIOD = SECOND / 4;

  private final LiveClient client = new LiveClient(null, PUSH_PERIOD, START);

  @Test
  void shouldTakeTwentyMessagesAtOnceThenOneASecond() {
    List<Boolean> burst = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      burst.add(client.takeMessageToken(START));
    }

    assertThat(burst.subList(0, 20)).containsOnly(true);
    assertThat(burst.get(20)).isFalse();
    assertThat(client.takeMessageToken(START + SECOND - 1)).isFalse();
    assertThat(client.takeMessageToken(START + SECOND)).isTrue();
    assertThat(client.takeMessageToken(START + SECOND)).isFalse();
  }

  @Test
  void shouldRefillNoMoreThanTheBurstAfterAQuietHour() {
    long later = START + 3600 * SECOND;
    long taken = IntStream.range(0, 30).filter(i -> client.takeMessageToken(later)).count();

    assertThat(taken).isEqualTo(LiveClient.MESSAGE_BURST);
  }

  @Test
  void shouldBeFreeToBePushedAsSoonAsItConnects() {
    assertThat(client.mayPush(START)).isTrue();
    assertThat(client.nextSendNanos()).isEqualTo(START);
  }

  @Test
  void shouldRefuseASubscriptionOfMoreThanFiftyScopes() {
    String fiftyOne =
        IntStream.rangeClosed(1, 51)
            .mapToObj(i -> "\"rep:rep-" + i + "\"")
            .reduce((a, b) -> a + "," + b)
            .orElseThrow();

    assertThatThrownBy(() -> Subscription.parse("{\"subscribe\":[" + fiftyOne + "]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("at most 50 scopes");
    assertThat(
            Subscription.parse(
                    "{\"subscribe\":[" + fiftyOne.substring(fiftyOne.indexOf(',') + 1) + "]}")
                .scopes())
        .hasSize(50);
  }
}
