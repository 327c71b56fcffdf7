package dev.salespulse.web.live;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The distinct (scope, period) pairs the live feed's sessions are subscribed to, at most {@code
 * max} of them on one instance. The feed computes each pair once per push and again at every minute
 * of the clock, so the number of pairs, not of sessions, is what its work and the answers it holds
 * during a push grow with: without a bound, a few sessions subscribing to many made-up rep scopes
 * (which answer zeros, as any scope without events does) would make every push compute and hold
 * tens of thousands of answers.
 */
final class LiveKeys {
  private final int max;
  private final Map<String, Set<String>> bySession = new HashMap<>();
  private final Map<String, Integer> sessions = new HashMap<>();

  LiveKeys(int max) {
    this.max = max;
  }

  /** The key of a scope and period. */
  static String key(String scope, String period) {
    return scope + "@" + period;
  }

  /**
   * Makes {@code keys} the session's subscription, in place of its previous one, unless that would
   * take the instance beyond its maximum of distinct pairs; then nothing changes.
   *
   * @return whether the subscription was taken
   */
  synchronized boolean subscribe(String session, Set<String> keys) {
    Set<String> previous = bySession.getOrDefault(session, Set.of());
    long added =
        keys.stream().filter(key -> !sessions.containsKey(key) || onlyIn(previous, key)).count();
    long released =
        previous.stream().filter(key -> !keys.contains(key) && sessions.get(key) == 1).count();
    long kept =
        previous.stream().filter(key -> keys.contains(key) && sessions.get(key) == 1).count();
    // The pairs after the change: the others' pairs, plus this session's new ones.
    long after = sessions.size() - released - kept + added;
    if (after > max) {
      return false;
    }
    release(session);
    bySession.put(session, Set.copyOf(keys));
    keys.forEach(key -> sessions.merge(key, 1, Integer::sum));
    return true;
  }

  private boolean onlyIn(Set<String> previous, String key) {
    return previous.contains(key) && sessions.get(key) == 1;
  }

  /** The session's pairs no longer count (it closed or was dropped); harmless if it had none. */
  synchronized void release(String session) {
    Set<String> keys = bySession.remove(session);
    if (keys == null) {
      return;
    }
    for (String key : keys) {
      sessions.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
    }
  }

  synchronized int size() {
    return sessions.size();
  }
}
