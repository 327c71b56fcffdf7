package dev.salespulse.streams.topology;

import dev.salespulse.streams.stores.KpiTotals;

/**
 * What an ingest processor emits for one input record: either one event's contribution to one scope
 * (keyed by that scope), or the rejected input, bound for the dead-letter topic with its reason
 * headers already attached.
 */
sealed interface Routed {

  record Delta(KpiTotals totals) implements Routed {}

  record Rejected(byte[] key, byte[] value) implements Routed {}
}
