package dev.salespulse.streams.topology;

import dev.salespulse.streams.stores.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * The key of a pending sum in an ingest processor's buffer: a minute and the scopes the sum counts
 * in, as {@code minute|len:scope len:scope…} (lengths make it unambiguous whatever characters the
 * ids hold).
 */
final class PendingKey {
  private PendingKey() {}

  /** One scope's share of a pending sum: what a flush sends on. */
  record ScopeMinute(String scope, long minute) {}

  static String encode(long minute, List<Scope> scopes) {
    StringBuilder key = new StringBuilder(128).append(minute).append('|');
    for (Scope scope : scopes) {
      String text = scope.toString();
      key.append(text.length()).append(':').append(text);
    }
    return key.toString();
  }

  static List<ScopeMinute> decode(String key) {
    int bar = key.indexOf('|');
    long minute = Long.parseLong(key, 0, bar, 10);
    List<ScopeMinute> scopes = new ArrayList<>(5);
    int at = bar + 1;
    while (at < key.length()) {
      int colon = key.indexOf(':', at);
      int length = Integer.parseInt(key, at, colon, 10);
      scopes.add(new ScopeMinute(key.substring(colon + 1, colon + 1 + length), minute));
      at = colon + 1 + length;
    }
    return scopes;
  }
}
