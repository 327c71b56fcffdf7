package dev.salespulse.streams.stores;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * What one order-ingest task has counted on one business day, in the fields that bound every money
 * and unit sum of every scope: every order counts in the company scope, so each scope's gross,
 * reversed and units of that day are at most the task's; a category's line totals are at most the
 * task's line totals. Counts of orders and activities are not kept: they grow by one an event and
 * cannot come near a {@code long}'s range.
 *
 * @param grossMinor placed amounts, minor units
 * @param reversedMinor cancelled and refunded amounts
 * @param lineGrossMinor placed line totals of all categories
 * @param lineReversedMinor line totals taken back by cancellations and refunds
 * @param units line quantities of placed orders
 */
public record DaySums(
    long grossMinor, long reversedMinor, long lineGrossMinor, long lineReversedMinor, long units) {
  public static final DaySums EMPTY = new DaySums(0, 0, 0, 0, 0);
  private static final byte VERSION = 1;
  private static final int SIZE = 1 + 5 * Long.BYTES;

  /** The sums with {@code other} added; null when a field would exceed {@code cap}. */
  public DaySums plusWithin(DaySums other, long cap) {
    long gross = grossMinor + other.grossMinor;
    long reversed = reversedMinor + other.reversedMinor;
    long lineGross = lineGrossMinor + other.lineGrossMinor;
    long lineReversed = lineReversedMinor + other.lineReversedMinor;
    long allUnits = units + other.units;
    // Each field is at most the cap and each addend a single event's (at most 10^17): no overflow.
    if (gross > cap || reversed > cap || lineGross > cap || lineReversed > cap || allUnits > cap) {
      return null;
    }
    return new DaySums(gross, reversed, lineGross, lineReversed, allUnits);
  }

  public static Serde<DaySums> serde() {
    return Serdes.serdeFrom(
        (topic, sums) ->
            sums == null
                ? null
                : ByteBuffer.allocate(SIZE)
                    .put(VERSION)
                    .putLong(sums.grossMinor)
                    .putLong(sums.reversedMinor)
                    .putLong(sums.lineGrossMinor)
                    .putLong(sums.lineReversedMinor)
                    .putLong(sums.units)
                    .array(),
        (topic, bytes) -> bytes == null ? null : read(bytes));
  }

  private static DaySums read(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    try {
      byte version = b.get();
      if (version != VERSION) {
        throw new SerializationException("Unknown DaySums format version " + version);
      }
      return new DaySums(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong());
    } catch (BufferUnderflowException e) {
      throw new SerializationException("Truncated DaySums of " + bytes.length + " bytes", e);
    }
  }
}
