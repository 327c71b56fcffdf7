package dev.salespulse.web.live;

import io.javalin.websocket.WsContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * One WebSocket client: what it subscribed to, which of those changed since its last message,
 * whether a send is still in flight, and when it may be sent its next message. A client that reads
 * slowly is skipped until its last send completes and then gets only the latest state, so it costs
 * memory bounded by its subscriptions, never a queue.
 *
 * <p>What a client sends is bounded too: at most {@link #MAX_SCOPES} scopes a subscription, and
 * messages (subscriptions, valid or not) by a token bucket of {@link #MESSAGE_BURST} that refills
 * one a second.
 */
final class LiveClient {
  static final int MAX_SCOPES = 50;
  static final int MESSAGE_BURST = 20;
  private static final long MESSAGE_REFILL_NANOS = 1_000_000_000L;

  private final WsContext ctx;
  private final AtomicBoolean sending = new AtomicBoolean();
  private final long minGapNanos;
  private long nextSendNanos;
  private long messageCredit = MESSAGE_BURST * MESSAGE_REFILL_NANOS;
  private long creditAt;
  private Set<String> scopes = Set.of();
  private String period = "today";
  private final Set<String> changed = new LinkedHashSet<>();
  private boolean snapshotPending;
  private boolean heartbeatDue;

  /**
   * @param minGapNanos the least time between two messages to this client (one push period)
   * @param now {@link System#nanoTime()} at connection
   */
  LiveClient(WsContext ctx, long minGapNanos, long now) {
    this.ctx = ctx;
    this.minGapNanos = minGapNanos;
    this.nextSendNanos = now;
    this.creditAt = now;
  }

  /** Whether the client may send one more message now (a token of its bucket), taken if so. */
  synchronized boolean takeMessageToken(long now) {
    messageCredit =
        Math.min(MESSAGE_BURST * MESSAGE_REFILL_NANOS, messageCredit + (now - creditAt));
    creditAt = now;
    if (messageCredit < MESSAGE_REFILL_NANOS) {
      return false;
    }
    messageCredit -= MESSAGE_REFILL_NANOS;
    return true;
  }

  /**
   * Whether a message may go to the client now: no send in flight and a push period since the last
   * message. Holding every message to this gap is what keeps a client at SALESPULSE_PUSH_HZ however
   * often pushes are attempted.
   */
  synchronized boolean mayPush(long now) {
    return !sending.get() && now - nextSendNanos >= 0;
  }

  /** When the next message may go (comparable with {@link System#nanoTime()}). */
  synchronized long nextSendNanos() {
    return nextSendNanos;
  }

  /** Whether anything is owed: snapshots, a heartbeat or changes. */
  synchronized boolean owed() {
    return snapshotPending || heartbeatDue || !changed.isEmpty();
  }

  String id() {
    return ctx.sessionId();
  }

  synchronized void subscribe(List<String> newScopes, String newPeriod) {
    scopes = new LinkedHashSet<>(newScopes);
    period = newPeriod;
    changed.clear();
    snapshotPending = true;
  }

  /** Whether a snapshot is owed (after a subscribe), cleared; false while a send is in flight. */
  synchronized boolean takeSnapshotPending() {
    if (sending.get() || !snapshotPending) {
      return false;
    }
    snapshotPending = false;
    return true;
  }

  /** A heartbeat is owed; it goes out in a push turn that has no changes to send. */
  synchronized void heartbeatDue() {
    heartbeatDue = true;
  }

  /** Whether a heartbeat is owed, cleared; false while a send is in flight. */
  synchronized boolean takeHeartbeatDue() {
    if (sending.get() || !heartbeatDue) {
      return false;
    }
    heartbeatDue = false;
    return true;
  }

  synchronized String period() {
    return period;
  }

  synchronized Set<String> scopes() {
    return Set.copyOf(scopes);
  }

  synchronized void markChanged(String scope) {
    if (scopes.contains(scope)) {
      changed.add(scope);
    }
  }

  /** Every subscribed scope counts as changed (the clock moved their answers). */
  synchronized void markAllChanged() {
    changed.addAll(scopes);
  }

  /** The changed scopes, cleared, or empty while a previous send is still in flight. */
  synchronized List<String> takeChanged() {
    if (sending.get() || changed.isEmpty()) {
      return List.of();
    }
    List<String> taken = List.copyOf(changed);
    changed.clear();
    return taken;
  }

  boolean isOpen() {
    return ctx.session.isOpen();
  }

  /**
   * Sends the frames in order, each after the previous completed; returns false (and sends nothing)
   * while an earlier send is still in flight.
   */
  boolean send(List<String> frames, long now, Runnable onFailure) {
    if (!sending.compareAndSet(false, true)) {
      return false;
    }
    synchronized (this) {
      nextSendNanos = now + minGapNanos;
    }
    sendFrom(frames, 0, onFailure);
    return true;
  }

  private void sendFrom(List<String> frames, int index, Runnable onFailure) {
    if (index == frames.size() || !isOpen()) {
      sending.set(false);
      return;
    }
    ctx.session.sendText(
        frames.get(index),
        Callback.from(
            () -> sendFrom(frames, index + 1, onFailure),
            error -> {
              sending.set(false);
              onFailure.run();
            }));
  }

  void close(int code, String reason) {
    ctx.closeSession(code, reason);
  }
}
