package dev.salespulse.web.live;

import dev.salespulse.streams.config.LiveConfig;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket feed {@code /ws/live}, and the one owner of every send on it. A client sends {@code
 * {"subscribe":["company:all"],"period":"today"}} and gets a {@code snapshot} per scope;
 * afterwards, whenever a subscribed scope changes, an {@code update} — several changed scopes
 * coalesced into one {@code updates} message. Snapshots and updates carry the server's time; a
 * {@code heartbeat} goes every 10 s in a turn that has nothing else to send.
 *
 * <p>A push goes out as soon as something is owed and the client's rate allows: at most {@code
 * SALESPULSE_PUSH_HZ} messages a second per client, so a change that arrives while a client waits
 * for its next slot goes out when the slot opens, coalesced with whatever else changed meanwhile.
 * Pushes run on one thread, in passes: a pass is started by a batch of changes, a subscription, a
 * heartbeat, the moment the first waiting client's slot opens, and a fixed tick (the push period)
 * that also notices the minute of the clock turning. A scope is pushed once more a push period
 * after its last change ({@link #settle}). Answers come from {@link LiveAnswers}, computed at most
 * once per pass for each (scope, period) and shared by every client and REST caller.
 *
 * <p>Bounded: at most {@code SALESPULSE_WS_MAX_SESSIONS} sessions (more are closed with 1013, "try
 * again later"), {@link LiveClient#MAX_SCOPES} scopes a subscription, and {@link
 * LiveClient#MESSAGE_BURST} messages from a client at once, then one a second (beyond, the session
 * is closed with 1008, policy violation).
 */
public final class LiveFeed implements AutoCloseable {
  static final long HEARTBEAT_SECONDS = 10;

  /**
   * Most distinct (scope, period) pairs the sessions of one instance may subscribe to ({@link
   * LiveKeys}): far more than a floor's wallboards use, few enough that a push computing all of
   * them stays cheap.
   */
  static final int MAX_PAIRS = 10_000;

  static final String SESSIONS_FULL = "this instance serves its maximum of live sessions";
  static final String TOO_MANY_MESSAGES =
      "too many messages: at most "
          + LiveClient.MESSAGE_BURST
          + " subscriptions at once, then one a second";
  private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

  private final LiveAnswers answers;
  private final Clock clock;
  private final int maxSessions;
  private final long periodNanos;
  private final Map<String, LiveClient> clients = new ConcurrentHashMap<>();
  private final LiveKeys subscribed = new LiveKeys(MAX_PAIRS);
  private final ChangedScopes changes = new ChangedScopes();
  private final AtomicBoolean passQueued = new AtomicBoolean();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "live-feed");
            thread.setDaemon(true);
            return thread;
          });
  private final LiveMeters meters;
  private long lastMinute = -1;
  private long wakeAt;
  private boolean wakeScheduled;

  public LiveFeed(LiveAnswers answers, LiveConfig settings, Clock clock, MeterRegistry registry) {
    this.answers = answers;
    this.clock = clock;
    this.maxSessions = settings.wsMaxSessions();
    this.meters = new LiveMeters(registry, clients::size);
    long periodMs = Math.max(1, 1000 / settings.pushHz());
    periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMs);
    ticker.scheduleAtFixedRate(this::tick, periodMs, periodMs, TimeUnit.MILLISECONDS);
    ticker.scheduleAtFixedRate(
        this::heartbeat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
  }

  /** The answers the feed pushes, shared with the REST API. */
  public LiveAnswers answers() {
    return answers;
  }

  /** Wires the handlers of one WebSocket endpoint. */
  public void configure(WsConfig ws) {
    ws.onConnect(this::admit);
    ws.onClose(ctx -> forget(ctx.sessionId()));
    ws.onError(ctx -> forget(ctx.sessionId()));
    ws.onMessage(ctx -> onMessage(ctx, ctx.message()));
  }

  /** Takes the session unless this instance already serves its maximum. */
  private void admit(WsContext ctx) {
    synchronized (clients) {
      if (clients.size() < maxSessions) {
        clients.put(ctx.sessionId(), new LiveClient(ctx, periodNanos, System.nanoTime()));
        return;
      }
    }
    meters.refusedSessions.increment();
    LOG.debug("Refused a live session: {} sessions open already", maxSessions);
    ctx.closeSession(StatusCode.TRY_AGAIN_LATER, SESSIONS_FULL);
  }

  /**
   * Called for every changed scope (from {@code sales.kpi-changes}); cheap and non-blocking. The
   * clients hear of it at {@link #changesArrived}, once the answers it makes old are dropped.
   */
  public void scopeChanged(String scope) {
    changes.add(scope);
  }

  /** Called after each batch of {@link #scopeChanged} calls: pushes them at once where allowed. */
  public void changesArrived() {
    Set<String> scopes = changes.take();
    if (scopes.isEmpty()) {
      return;
    }
    // Old answers go first: a pass between the two steps must not push one as the new state.
    answers.changed(scopes);
    markChanged(scopes);
    changes.settleAt(scopes, System.nanoTime() + periodNanos);
    requestPass();
  }

  private void markChanged(Set<String> scopes) {
    for (LiveClient client : clients.values()) {
      for (String scope : scopes) {
        client.markChanged(scope);
      }
    }
  }

  /** Pushes once more the scopes whose last change came a push period ago or more. */
  private void settle() {
    Set<String> settled = changes.settled(System.nanoTime());
    if (!settled.isEmpty()) {
      answers.changed(settled);
      markChanged(settled);
    }
  }

  private void onMessage(WsContext ctx, String text) {
    LiveClient client = clients.get(ctx.sessionId());
    if (client == null) {
      return;
    }
    if (!client.takeMessageToken(System.nanoTime())) {
      forget(ctx.sessionId());
      meters.closedForMessages.increment();
      client.close(StatusCode.POLICY_VIOLATION, TOO_MANY_MESSAGES);
      return;
    }
    Subscription subscription;
    try {
      subscription = Subscription.parse(text);
    } catch (IllegalArgumentException e) {
      ctx.send(LiveMessages.error("bad-request", e.getMessage()));
      return;
    }
    Set<String> pairs = new HashSet<>();
    for (String scope : subscription.scopes()) {
      pairs.add(LiveKeys.key(scope, subscription.period()));
    }
    if (!subscribed.subscribe(ctx.sessionId(), pairs)) {
      ctx.send(
          LiveMessages.error(
              "too-many-live-scopes",
              "this instance's live sessions are subscribed to "
                  + MAX_PAIRS
                  + " distinct (scope, period) pairs, its maximum; the previous subscription"
                  + " stays"));
      return;
    }
    if (!clients.containsKey(ctx.sessionId())) {
      // Dropped meanwhile (a failed send): forget removes the client before it releases, so
      // either it released after the pairs were taken, or the pairs are released here.
      subscribed.release(ctx.sessionId());
      return;
    }
    // The snapshot goes out with the next push the client's rate allows, like every other message:
    // a client that subscribes again and again gets its latest subscription's snapshot at that
    // rate.
    client.subscribe(subscription.scopes(), subscription.period());
    requestPass();
  }

  /** Queues one pass unless one is queued already. */
  private void requestPass() {
    if (passQueued.compareAndSet(false, true)) {
      try {
        ticker.execute(
            () -> {
              passQueued.set(false);
              pushChanges();
            });
      } catch (RejectedExecutionException e) {
        // closed
      }
    }
  }

  private void tick() {
    // Answers move with the clock too (a new day at midnight, last15m sliding, pace): once a
    // minute every subscribed scope counts as changed, events or not.
    long minute = Math.floorDiv(clock.millis(), 60_000L);
    boolean newMinute = lastMinute != -1 && minute != lastMinute;
    lastMinute = minute;
    if (newMinute) {
      for (LiveClient client : clients.values()) {
        client.markAllChanged();
      }
    }
    settle();
    pushChanges();
  }

  /** One pass over every client, on the push thread; then a wake-up for the first one waiting. */
  private void pushChanges() {
    try {
      long now = System.nanoTime();
      LiveMessages.Pass pass = new LiveMessages.Pass(answers, clock.instant());
      long firstWaiting = Long.MAX_VALUE;
      boolean waiting = false;
      for (LiveClient client : clients.values()) {
        if (client.mayPush(now)) {
          push(client, pass);
        } else if (client.owed() && now - client.nextSendNanos() < 0) {
          long next = client.nextSendNanos();
          if (!waiting || next - firstWaiting < 0) {
            firstWaiting = next;
            waiting = true;
          }
        }
      }
      if (waiting) {
        wakeAt(firstWaiting, now);
      }
    } catch (RuntimeException e) {
      LOG.error("A live push pass failed; the next one goes on", e);
    }
  }

  /** Schedules a pass at the given time unless one is scheduled no later. */
  private void wakeAt(long at, long now) {
    if (wakeScheduled && wakeAt - at <= 0) {
      return;
    }
    try {
      ticker.schedule(
          () -> {
            if (wakeAt == at) {
              wakeScheduled = false;
            }
            pushChanges();
          },
          at - now,
          TimeUnit.NANOSECONDS);
      wakeScheduled = true;
      wakeAt = at;
    } catch (RejectedExecutionException e) {
      // closed
    }
  }

  /** Sends what the client is owed: its snapshots after a subscribe, else coalesced changes. */
  private void push(LiveClient client, LiveMessages.Pass pass) {
    try {
      if (client.takeSnapshotPending()) {
        List<String> frames = new ArrayList<>();
        for (String scope : client.scopes()) {
          frames.add(pass.message("snapshot", scope, client.period()));
        }
        send(client, frames);
        return;
      }
      List<String> changed = client.takeChanged();
      if (changed.isEmpty()) {
        if (client.takeHeartbeatDue()
            && !send(client, List.of(LiveMessages.heartbeat(clock.instant())))) {
          client.heartbeatDue();
        }
        return;
      }
      String message =
          changed.size() == 1
              ? pass.message("update", changed.get(0), client.period())
              : pass.updates(changed, client.period());
      // The update takes the turn of a heartbeat due: it shows the connection alive and carries
      // the server's time, and a change never waits a push period behind a heartbeat.
      boolean heartbeatWasDue = client.takeHeartbeatDue();
      if (!send(client, List.of(message))) {
        changed.forEach(client::markChanged);
        if (heartbeatWasDue) {
          client.heartbeatDue();
        }
      }
    } catch (RuntimeException e) {
      LOG.debug("Could not answer live client {} yet; retrying next pass", client.id(), e);
      client.subscribe(List.copyOf(client.scopes()), client.period());
    }
  }

  private boolean send(LiveClient client, List<String> frames) {
    // Stamped when sent, not when the pass began: the gap to the next message is never short.
    boolean sent = client.send(frames, System.nanoTime(), () -> forget(client.id()));
    if (sent) {
      meters.messages.increment(frames.size());
    }
    return sent;
  }

  /** Heartbeats go in push turns, counted in SALESPULSE_PUSH_HZ; an update may go instead. */
  private void heartbeat() {
    for (LiveClient client : clients.values()) {
      client.heartbeatDue();
    }
    pushChanges();
  }

  /** The session is gone: it gets no more pushes, and its pairs no longer count. */
  private void forget(String session) {
    clients.remove(session);
    subscribed.release(session);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    for (LiveClient client : new ArrayList<>(clients.values())) {
      client.close(1001, "server shutting down");
    }
    clients.clear();
  }
}
