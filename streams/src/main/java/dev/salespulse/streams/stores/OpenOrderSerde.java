package dev.salespulse.streams.stores;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Binary form of {@link OpenOrder}: a version byte, then the fields in declaration order. Version 1
 * (earlier builds) has no placement time; it reads as {@link OpenOrder#UNKNOWN_PLACEMENT}.
 */
public final class OpenOrderSerde {
  private static final byte VERSION_WITHOUT_PLACEMENT = 1;
  private static final byte VERSION = 2;

  private OpenOrderSerde() {}

  public static Serde<OpenOrder> serde() {
    return Serdes.serdeFrom(
        (topic, order) -> order == null ? null : write(order),
        (topic, bytes) -> bytes == null ? null : read(bytes));
  }

  private static byte[] write(OpenOrder order) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeUTF(order.repId());
      out.writeUTF(order.teamId());
      out.writeUTF(order.region());
      out.writeUTF(order.channel().orElse(""));
      out.writeUTF(order.customerId().orElse(""));
      out.writeUTF(order.rate().toPlainString());
      out.writeUTF(order.remainingAmount().toPlainString());
      out.writeLong(order.remainingMinor());
      out.writeBoolean(order.cancelled());
      out.writeInt(order.categoryMinor().size());
      for (Map.Entry<String, Long> category : new TreeMap<>(order.categoryMinor()).entrySet()) {
        out.writeUTF(category.getKey());
        out.writeLong(category.getValue());
      }
      out.writeLong(order.placedAtMs());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static OpenOrder read(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte version = in.readByte();
      if (version != VERSION && version != VERSION_WITHOUT_PLACEMENT) {
        throw new SerializationException("Unknown OpenOrder format version " + version);
      }
      String repId = in.readUTF();
      String teamId = in.readUTF();
      String region = in.readUTF();
      Optional<String> channel = nonEmpty(in.readUTF());
      Optional<String> customerId = nonEmpty(in.readUTF());
      BigDecimal rate = new BigDecimal(in.readUTF());
      BigDecimal remainingAmount = new BigDecimal(in.readUTF());
      long remainingMinor = in.readLong();
      boolean cancelled = in.readBoolean();
      int categories = in.readInt();
      Map<String, Long> categoryMinor = new HashMap<>();
      for (int i = 0; i < categories; i++) {
        categoryMinor.put(in.readUTF(), in.readLong());
      }
      long placedAtMs = version == VERSION ? in.readLong() : OpenOrder.UNKNOWN_PLACEMENT;
      return new OpenOrder(
          repId,
          teamId,
          region,
          channel,
          customerId,
          rate,
          remainingAmount,
          remainingMinor,
          cancelled,
          categoryMinor,
          placedAtMs);
    } catch (IOException | NumberFormatException e) {
      throw new SerializationException("Unreadable OpenOrder of " + bytes.length + " bytes", e);
    }
  }

  private static Optional<String> nonEmpty(String text) {
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }
}
