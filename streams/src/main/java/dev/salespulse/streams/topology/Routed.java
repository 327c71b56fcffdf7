package dev.salespulse.streams.topology;

import dev.salespulse.streams.stores.CustomerOrderValue;
import dev.salespulse.streams.stores.KpiTotals;

/**
 * What an ingest processor emits: summed contributions to one scope (keyed by that scope), a
 * customer's placed order (keyed by customerId, for distinct and new customers), a large deal for
 * {@code sales.feed} (keyed by orderId), an input to move to its partition, or a rejected input,
 * bound for the dead-letter topic with its reason headers already attached.
 */
sealed interface Routed {

  record Delta(KpiTotals totals) implements Routed {}

  record Rejected(byte[] key, byte[] value) implements Routed {}

  /**
   * An input record outside its routing key's partition, keyed by that key and bound for the
   * rekeyed topic ({@link Placement}), its value unchanged.
   */
  record Rekeyed(byte[] value) implements Routed {}

  /** A placed order of a customer (keyed by customerId) and the scopes it counted in. */
  record CustomerOrder(CustomerOrderValue value) implements Routed {}

  /** The JSON of a {@link dev.salespulse.streams.events.LargeDeal}, bound for sales.feed. */
  record FeedItem(String json) implements Routed {}
}
