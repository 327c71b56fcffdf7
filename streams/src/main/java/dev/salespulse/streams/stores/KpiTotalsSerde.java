package dev.salespulse.streams.stores;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Compact binary form of {@link KpiTotals} for stores, changelogs and the repartition topic: a
 * format version byte, then fixed-width fields. A reader keeps accepting every older version.
 */
public final class KpiTotalsSerde {
  private static final byte VERSION = 1;
  private static final int SIZE = 1 + 4 * Long.BYTES;

  private KpiTotalsSerde() {}

  public static Serde<KpiTotals> serde() {
    return Serdes.serdeFrom(serializer(), deserializer());
  }

  private static Serializer<KpiTotals> serializer() {
    return (topic, totals) -> {
      if (totals == null) {
        return null;
      }
      return ByteBuffer.allocate(SIZE)
          .put(VERSION)
          .putLong(totals.revenueMinor())
          .putLong(totals.orders())
          .putLong(totals.calls())
          .putLong(totals.lastEventMs())
          .array();
    };
  }

  private static Deserializer<KpiTotals> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      try {
        byte version = buffer.get();
        if (version != VERSION) {
          throw new SerializationException("Unknown KpiTotals format version " + version);
        }
        return new KpiTotals(
            buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
      } catch (BufferUnderflowException e) {
        throw new SerializationException("Truncated KpiTotals of " + bytes.length + " bytes", e);
      }
    };
  }
}
