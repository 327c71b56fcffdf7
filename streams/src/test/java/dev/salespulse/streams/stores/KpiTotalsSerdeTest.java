package dev.salespulse.streams.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class KpiTotalsSerdeTest {
  private static final Serde<KpiTotals> SERDE = KpiTotalsSerde.serde();
  private static final long AT = 1_795_000_000_000L;

  @Property(tries = 2000)
  void readsBackExactlyWhatItWrote(@ForAll("totals") KpiTotals totals) {
    byte[] bytes = SERDE.serializer().serialize("t", totals);

    assertThat(SERDE.deserializer().deserialize("t", bytes)).isEqualTo(totals);
  }

  @Property(tries = 500)
  void refusesEveryTruncationOfAValue(@ForAll("totals") KpiTotals totals) {
    byte[] bytes = SERDE.serializer().serialize("t", totals);

    for (int length = 0; length < bytes.length; length++) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> SERDE.deserializer().deserialize("t", truncated))
          .isInstanceOf(SerializationException.class);
    }
  }

  @Test
  void refusesAnUnknownVersion() {
    byte[] bytes = SERDE.serializer().serialize("t", KpiTotals.placedOrder(1, 1, AT));
    bytes[0] = 9;

    assertThatThrownBy(() -> SERDE.deserializer().deserialize("t", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("version 9");
  }

  @Provide
  Arbitrary<KpiTotals> totals() {
    Arbitrary<Long> field =
        Arbitraries.oneOf(
            Arbitraries.just(0L),
            Arbitraries.longs().between(-1_000, 1_000_000),
            Arbitraries.longs());
    return field
        .list()
        .ofSize(15)
        .map(
            f ->
                new KpiTotals(
                    f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5), f.get(6), f.get(7),
                    f.get(8), f.get(9), f.get(10), f.get(11), f.get(12), f.get(13), f.get(14)));
  }
}
