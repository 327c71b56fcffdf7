package dev.salespulse.streams.topology;

import dev.salespulse.streams.stores.Scope;
import java.util.List;

/**
 * The key of a pending sum in an ingest processor's buffer: a minute and every scope the sum counts
 * in (an event's rep, team, region, channel, company…), so an event costs one buffer update.
 */
record PendingKey(long minute, List<Scope> scopes) {
  PendingKey {
    scopes = List.copyOf(scopes); // no copy of the immutable lists the ingest makes
  }

  /** One scope's share of a pending sum: what a flush sends on. */
  record ScopeMinute(Scope scope, long minute) {}
}
