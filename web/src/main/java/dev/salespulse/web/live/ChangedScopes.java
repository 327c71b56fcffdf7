package dev.salespulse.web.live;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scopes {@code sales.kpi-changes} reported, until the live feed takes them, and when each is
 * to be pushed once more. Kafka Streams commits the transaction that makes a change readable on
 * {@code sales.kpi-changes} a moment before it commits the stores that queries read: an answer
 * computed in that moment misses the change, and a scope that changes no more would keep it until
 * the next minute. So a scope is pushed again a push period after its last change.
 */
final class ChangedScopes {
  private final Set<String> reported = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> settleAt = new ConcurrentHashMap<>();

  /** Cheap and non-blocking: called for every change record. */
  void add(String scope) {
    reported.add(scope);
  }

  /** The scopes reported since the last call. */
  Set<String> take() {
    if (reported.isEmpty()) {
      return Set.of();
    }
    Set<String> scopes = Set.copyOf(reported);
    reported.removeAll(scopes);
    return scopes;
  }

  /** These scopes are to be pushed once more at {@code atNanos}, unless they change again. */
  void settleAt(Set<String> scopes, long atNanos) {
    for (String scope : scopes) {
      settleAt.put(scope, atNanos);
    }
  }

  /** The scopes whose time to be pushed once more has come, each given once. */
  Set<String> settled(long nowNanos) {
    Set<String> settled = new HashSet<>();
    settleAt.forEach(
        (scope, at) -> {
          if (nowNanos - at >= 0 && settleAt.remove(scope, at)) {
            settled.add(scope);
          }
        });
    return settled;
  }
}
