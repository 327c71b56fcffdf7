package dev.salespulse.web.ingest;

import java.util.List;

/**
 * Where checked records go: the contract's topics, through one idempotent producer. Every caller
 * (HTTP routes, webhooks, the demo's backfill) goes through the same checks.
 */
public interface EventSink {
  /**
   * Checks each order or activity event (a JSON object, UTF-8) as the topology would without state,
   * produces the good ones to {@code sales.orders} or {@code sales.activities}, and returns once
   * the cluster has acknowledged them all.
   */
  IngestResult events(List<byte[]> events);

  /** The same for reference data: roster entries, targets or fx rates. */
  IngestResult reference(ReferenceKind kind, List<byte[]> records);
}
