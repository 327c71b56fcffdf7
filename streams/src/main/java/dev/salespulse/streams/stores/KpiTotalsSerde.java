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
 * format version byte, then the fields as fixed-width longs in declaration order. A reader keeps
 * accepting every older version; a new field means a new version.
 */
public final class KpiTotalsSerde {
  private static final byte VERSION = 1;
  private static final int FIELDS = 15;
  private static final int SIZE = 1 + FIELDS * Long.BYTES;

  private KpiTotalsSerde() {}

  public static Serde<KpiTotals> serde() {
    return Serdes.serdeFrom(serializer(), deserializer());
  }

  private static Serializer<KpiTotals> serializer() {
    return (topic, t) -> {
      if (t == null) {
        return null;
      }
      return ByteBuffer.allocate(SIZE)
          .put(VERSION)
          .putLong(t.revenueMinor())
          .putLong(t.grossMinor())
          .putLong(t.reversedMinor())
          .putLong(t.placed())
          .putLong(t.cancelled())
          .putLong(t.units())
          .putLong(t.calls())
          .putLong(t.connected())
          .putLong(t.emails())
          .putLong(t.meetings())
          .putLong(t.demos())
          .putLong(t.leads())
          .putLong(t.dealsWon())
          .putLong(t.dealsLost())
          .putLong(t.lastEventMs())
          .array();
    };
  }

  private static Deserializer<KpiTotals> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      ByteBuffer b = ByteBuffer.wrap(bytes);
      try {
        byte version = b.get();
        if (version != VERSION) {
          throw new SerializationException("Unknown KpiTotals format version " + version);
        }
        return new KpiTotals(
            b.getLong(),
            b.getLong(),
            b.getLong(),
            b.getLong(),
            b.getLong(),
            b.getLong(),
            b.getLong(),
            b.getLong(),
            b.getLong(),
            b.getLong(),
            b.getLong(),
            b.getLong(),
            b.getLong(),
            b.getLong(),
            b.getLong());
      } catch (BufferUnderflowException e) {
        throw new SerializationException("Truncated KpiTotals of " + bytes.length + " bytes", e);
      }
    };
  }
}
