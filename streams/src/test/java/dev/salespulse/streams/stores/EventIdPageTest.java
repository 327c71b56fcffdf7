package dev.salespulse.streams.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventIdPageTest {
  private static final long BASE = 1_795_000_000_000L;

  @Test
  void takesIdsUntilItIsFull() {
    EventIdPage page = new EventIdPage(BASE);
    for (int i = 0; i < EventIdPage.CAPACITY; i++) {
      assertThat(page.accepts(BASE + i)).isTrue();
      page.add(EventIdHash.of("e-" + i), BASE + i);
    }

    assertThat(page.accepts(BASE)).isFalse();
    assertThatThrownBy(() -> page.add(EventIdHash.of("one-more"), BASE))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void takesOnlyTimesWithinAnIntOfMillisecondsOfItsBase() {
    EventIdPage page = new EventIdPage(BASE);

    assertThat(page.accepts(BASE + Integer.MAX_VALUE)).isTrue();
    assertThat(page.accepts(BASE + Integer.MAX_VALUE + 1L)).isFalse();
    assertThat(page.accepts(BASE + Integer.MIN_VALUE)).isTrue();
    assertThat(page.accepts(BASE + Integer.MIN_VALUE - 1L)).isFalse();
  }

  @Test
  void dropsOnlyTheIdsCountedBeforeTheCutoffAndKeepsTheOrder() {
    EventIdPage page = new EventIdPage(BASE);
    page.add(EventIdHash.of("a"), BASE + 10);
    page.add(EventIdHash.of("b"), BASE + 5);
    page.add(EventIdHash.of("c"), BASE + 20);
    page.add(EventIdHash.of("d"), BASE + 10);

    page.removeCountedBefore(BASE + 10);

    assertThat(page.size()).isEqualTo(3);
    assertThat(page.hash(0)).isEqualTo(EventIdHash.of("a"));
    assertThat(page.hash(1)).isEqualTo(EventIdHash.of("c"));
    assertThat(page.hash(2)).isEqualTo(EventIdHash.of("d"));
    assertThat(page.countedAt(2)).isEqualTo(BASE + 10);
    assertThat(page.holds(EventIdHash.of("b"))).isFalse();
    assertThatThrownBy(() -> page.hash(3)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void hashesAreTheFixedMurmur3OfTheUtf8Bytes() {
    // Stored hashes must never change. The published MurmurHash3_x64_128 vector (seed 0):
    assertThat(EventIdHash.of("The quick brown fox jumps over the lazy dog"))
        .isEqualTo(new EventIdHash(0xe34bbc7bbc071b6cL, 0x7a433ca9c49a9347L));
    assertThat(EventIdHash.of("e-42")).isEqualTo(EventIdHash.of("e-42"));
    assertThat(EventIdHash.of("e-42")).isNotEqualTo(EventIdHash.of("e-43"));
    assertThat(EventIdHash.of("é")).isNotEqualTo(EventIdHash.of("e"));
  }
}
