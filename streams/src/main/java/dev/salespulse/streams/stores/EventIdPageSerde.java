package dev.salespulse.streams.stores;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary form of an {@link EventIdPage} for the dedup stores and their changelogs: a format version
 * byte, the base time (8 bytes), the number of ids (1 byte), then per id its hash (16 bytes) and
 * its time relative to the base (4 bytes): 20 bytes per id.
 */
public final class EventIdPageSerde {
  private static final byte VERSION = 1;
  private static final int HEADER = 1 + Long.BYTES + 1;
  private static final int PER_ID = 2 * Long.BYTES + Integer.BYTES;

  private EventIdPageSerde() {}

  public static Serde<EventIdPage> serde() {
    return Serdes.serdeFrom(serializer(), deserializer());
  }

  private static Serializer<EventIdPage> serializer() {
    return (topic, page) -> {
      if (page == null) {
        return null;
      }
      int size = page.size();
      ByteBuffer b = ByteBuffer.allocate(HEADER + size * PER_ID);
      b.put(VERSION).putLong(page.base()).put((byte) size);
      long[] high = page.highs();
      long[] low = page.lows();
      int[] offsets = page.offsets();
      for (int i = 0; i < size; i++) {
        b.putLong(high[i]).putLong(low[i]).putInt(offsets[i]);
      }
      return b.array();
    };
  }

  private static Deserializer<EventIdPage> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      ByteBuffer b = ByteBuffer.wrap(bytes);
      try {
        byte version = b.get();
        if (version != VERSION) {
          throw new SerializationException("Unknown EventIdPage format version " + version);
        }
        long base = b.getLong();
        int size = Byte.toUnsignedInt(b.get());
        if (size > EventIdPage.CAPACITY || b.remaining() != size * PER_ID) {
          throw new SerializationException(
              "EventIdPage of " + size + " ids cannot have " + b.remaining() + " bytes of ids");
        }
        long[] high = new long[EventIdPage.CAPACITY];
        long[] low = new long[EventIdPage.CAPACITY];
        int[] offsets = new int[EventIdPage.CAPACITY];
        for (int i = 0; i < size; i++) {
          high[i] = b.getLong();
          low[i] = b.getLong();
          offsets[i] = b.getInt();
        }
        return new EventIdPage(base, high, low, offsets, size);
      } catch (BufferUnderflowException e) {
        throw new SerializationException("Truncated EventIdPage of " + bytes.length + " bytes", e);
      }
    };
  }
}
