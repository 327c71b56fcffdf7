package dev.salespulse.streams.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class EventIdPageSerdeTest {
  private static final Serde<EventIdPage> SERDE = EventIdPageSerde.serde();
  private static final long BASE = 1_795_000_000_000L;

  @Property(tries = 1000)
  void readsBackExactlyWhatItWrote(@ForAll("pages") EventIdPage page) {
    byte[] bytes = SERDE.serializer().serialize("t", page);

    EventIdPage read = SERDE.deserializer().deserialize("t", bytes);
    assertThat(read).isEqualTo(page);
    for (int i = 0; i < page.size(); i++) {
      assertThat(read.hash(i)).isEqualTo(page.hash(i));
      assertThat(read.countedAt(i)).isEqualTo(page.countedAt(i));
    }
  }

  @Property(tries = 200)
  void refusesEveryTruncationOfAPage(@ForAll("pages") EventIdPage page) {
    byte[] bytes = SERDE.serializer().serialize("t", page);

    for (int length = 0; length < bytes.length; length++) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> SERDE.deserializer().deserialize("t", truncated))
          .isInstanceOf(SerializationException.class);
    }
  }

  @Test
  void aReadPageCanTakeMoreIds() {
    EventIdPage page = new EventIdPage(BASE);
    page.add(EventIdHash.of("e-1"), BASE);

    EventIdPage read =
        SERDE.deserializer().deserialize("t", SERDE.serializer().serialize("t", page));
    read.add(EventIdHash.of("e-2"), BASE + 5);

    assertThat(read.size()).isEqualTo(2);
    assertThat(read.holds(EventIdHash.of("e-2"))).isTrue();
  }

  @Test
  void refusesAnUnknownVersionAndTrailingBytes() {
    EventIdPage page = new EventIdPage(BASE);
    page.add(EventIdHash.of("e-1"), BASE);
    byte[] bytes = SERDE.serializer().serialize("t", page);
    byte[] future = bytes.clone();
    future[0] = 2;
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);

    assertThatThrownBy(() -> SERDE.deserializer().deserialize("t", future))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("version 2");
    assertThatThrownBy(() -> SERDE.deserializer().deserialize("t", longer))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void writesTwentyBytesPerIdAfterATenByteHeader() {
    EventIdPage full = new EventIdPage(BASE);
    for (int i = 0; i < EventIdPage.CAPACITY; i++) {
      full.add(EventIdHash.of("e-" + i), BASE + i);
    }

    assertThat(SERDE.serializer().serialize("t", full)).hasSize(10 + 20 * EventIdPage.CAPACITY);
    assertThat(SERDE.serializer().serialize("t", null)).isNull();
    assertThat(SERDE.deserializer().deserialize("t", null)).isNull();
  }

  @Provide
  Arbitrary<EventIdPage> pages() {
    Arbitrary<long[]> entry =
        Combinators.combine(
                Arbitraries.longs(),
                Arbitraries.longs(),
                Arbitraries.longs().between(Integer.MIN_VALUE, Integer.MAX_VALUE))
            .as((high, low, offset) -> new long[] {high, low, offset});
    return Combinators.combine(
            Arbitraries.longs().between(0, 4_000_000_000_000L),
            entry.list().ofMaxSize(EventIdPage.CAPACITY))
        .as(EventIdPageSerdeTest::page);
  }

  private static EventIdPage page(long base, List<long[]> entries) {
    EventIdPage page = new EventIdPage(base);
    for (long[] e : entries) {
      page.add(new EventIdHash(e[0], e[1]), base + e[2]);
    }
    return page;
  }
}
