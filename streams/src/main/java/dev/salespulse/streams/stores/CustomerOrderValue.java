package dev.salespulse.streams.stores;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A customer's placed order on its way to the customer stores: when it happened and the scopes it
 * counted in. Serialized with a version byte on the {@code customer-orders} repartition topic.
 */
public record CustomerOrderValue(long occurredAtMs, List<String> scopes) {
  private static final byte VERSION = 1;

  public CustomerOrderValue {
    scopes = List.copyOf(scopes);
  }

  public static Serde<CustomerOrderValue> serde() {
    return Serdes.serdeFrom(
        (topic, value) -> value == null ? null : write(value),
        (topic, bytes) -> bytes == null ? null : read(bytes));
  }

  private static byte[] write(CustomerOrderValue value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(value.occurredAtMs());
      out.writeShort(value.scopes().size());
      for (String scope : value.scopes()) {
        out.writeUTF(scope);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static CustomerOrderValue read(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte version = in.readByte();
      if (version != VERSION) {
        throw new SerializationException("Unknown CustomerOrderValue version " + version);
      }
      long occurredAt = in.readLong();
      int count = in.readUnsignedShort();
      List<String> scopes = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        scopes.add(in.readUTF());
      }
      return new CustomerOrderValue(occurredAt, scopes);
    } catch (IOException e) {
      throw new SerializationException("Unreadable CustomerOrderValue", e);
    }
  }
}
