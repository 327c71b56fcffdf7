package dev.salespulse.streams.topology;

import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The registry of SalesPulse's topics (contract, section "Topics"), with the configured prefix
 * applied. Inputs are read as raw bytes so that no record can fail deserialization: the topology
 * validates them and dead-letters what is bad.
 */
public final class Topics {
  private final Topic<byte[], byte[]> orders;
  private final Topic<byte[], byte[]> activities;
  private final Topic<String, String> targets;
  private final Topic<String, String> reps;
  private final Topic<String, String> fxRates;
  private final Topic<String, String> kpiChanges;
  private final Topic<byte[], byte[]> deadLetter;
  private final Topic<String, String> feed;

  public Topics(String prefix) {
    orders = new Topic<>(prefix + "sales.orders", Serdes.ByteArray(), Serdes.ByteArray(), false);
    activities =
        new Topic<>(prefix + "sales.activities", Serdes.ByteArray(), Serdes.ByteArray(), false);
    targets = new Topic<>(prefix + "sales.targets", Serdes.String(), Serdes.String(), true);
    reps = new Topic<>(prefix + "sales.reps", Serdes.String(), Serdes.String(), true);
    fxRates = new Topic<>(prefix + "sales.fx-rates", Serdes.String(), Serdes.String(), true);
    kpiChanges = new Topic<>(prefix + "sales.kpi-changes", Serdes.String(), Serdes.String(), true);
    deadLetter =
        new Topic<>(prefix + "sales.dead-letter", Serdes.ByteArray(), Serdes.ByteArray(), false);
    feed = new Topic<>(prefix + "sales.feed", Serdes.String(), Serdes.String(), false);
  }

  public Topic<byte[], byte[]> orders() {
    return orders;
  }

  public Topic<byte[], byte[]> activities() {
    return activities;
  }

  public Topic<String, String> targets() {
    return targets;
  }

  public Topic<String, String> reps() {
    return reps;
  }

  public Topic<String, String> fxRates() {
    return fxRates;
  }

  public Topic<String, String> kpiChanges() {
    return kpiChanges;
  }

  public Topic<byte[], byte[]> deadLetter() {
    return deadLetter;
  }

  /** Large deals as they land (orderId → {@code LargeDeal} JSON), for the wallboard's ticker. */
  public Topic<String, String> feed() {
    return feed;
  }

  /**
   * The topic order records found outside their {@code orderId}'s partition are moved through
   * ({@link Placement}), one per application id. Named as Kafka Streams names its repartition
   * topics, so that Kafka's reset tool deletes it with them.
   */
  public static Topic<String, byte[]> rekeyedOrders(String applicationId) {
    return rekeyed(applicationId, "orders");
  }

  /** As {@link #rekeyedOrders}, for activities outside their {@code repId}'s partition. */
  public static Topic<String, byte[]> rekeyedActivities(String applicationId) {
    return rekeyed(applicationId, "activities");
  }

  private static Topic<String, byte[]> rekeyed(String applicationId, String input) {
    return new Topic<>(
        applicationId + "-" + input + "-rekeyed-repartition",
        Serdes.String(),
        Serdes.ByteArray(),
        false);
  }

  /** Every topic SalesPulse reads or writes, in the contract's order, then {@code sales.feed}. */
  public List<Topic<?, ?>> all() {
    return List.of(orders, activities, targets, reps, fxRates, kpiChanges, deadLetter, feed);
  }
}
