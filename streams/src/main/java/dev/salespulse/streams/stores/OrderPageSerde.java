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

/** Binary form of {@link OrderPage}: a version byte, opened, newest, then the orderIds. */
public final class OrderPageSerde {
  private static final byte VERSION = 1;

  private OrderPageSerde() {}

  public static Serde<OrderPage> serde() {
    return Serdes.serdeFrom(
        (topic, page) -> page == null ? null : write(page),
        (topic, bytes) -> bytes == null ? null : read(bytes));
  }

  private static byte[] write(OrderPage page) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + 16 * page.size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(page.opened());
      out.writeLong(page.newest());
      List<String> orderIds = page.orderIds();
      out.writeShort(orderIds.size());
      for (String orderId : orderIds) {
        out.writeUTF(orderId);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static OrderPage read(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte version = in.readByte();
      if (version != VERSION) {
        throw new SerializationException("Unknown OrderPage format version " + version);
      }
      long opened = in.readLong();
      long newest = in.readLong();
      int size = in.readUnsignedShort();
      List<String> orderIds = new ArrayList<>(OrderPage.CAPACITY);
      for (int i = 0; i < size; i++) {
        orderIds.add(in.readUTF());
      }
      return new OrderPage(opened, newest, orderIds);
    } catch (IOException e) {
      throw new SerializationException("Unreadable OrderPage of " + bytes.length + " bytes", e);
    }
  }
}
