package dev.salespulse.web.live;

import io.javalin.websocket.WsContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * One WebSocket client: what it subscribed to, which of those changed since its last message, and
 * whether a send is still in flight. A client that reads slowly is skipped until its last send
 * completes and then gets only the latest state, so it costs memory bounded by its subscriptions,
 * never a queue.
 */
final class LiveClient {
  static final int MAX_SCOPES = 50;

  private final WsContext ctx;
  private final AtomicBoolean sending = new AtomicBoolean();
  private Set<String> scopes = Set.of();
  private String period = "today";
  private final Set<String> changed = new LinkedHashSet<>();
  private boolean snapshotPending;
  private boolean heartbeatDue;

  LiveClient(WsContext ctx) {
    this.ctx = ctx;
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

  /** A heartbeat is owed; it goes out in a push tick, in place of that tick's changes. */
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
  boolean send(List<String> frames, Runnable onFailure) {
    if (!sending.compareAndSet(false, true)) {
      return false;
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
