package dev.salespulse.web.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salespulse.streams.query.KpiAnswer;
import dev.salespulse.streams.query.KpiQueryService;
import dev.salespulse.streams.query.Period;
import dev.salespulse.streams.stores.Scope;
import dev.salespulse.web.http.Json;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket feed {@code /ws/live}, and the one owner of every send on it. A client sends {@code
 * {"subscribe":["company:all"],"period":"today"}} and gets a {@code snapshot} per scope at the next
 * push tick; afterwards, whenever a subscribed scope changes, an {@code update} — at most {@code
 * SALESPULSE_PUSH_HZ} messages a second per client, several changed scopes coalesced into one
 * {@code updates} message — and a {@code heartbeat} every 10 s. Answers are computed once per tick
 * and shared by every client that subscribed to the same scope and period.
 */
public final class LiveFeed implements AutoCloseable {
  static final long HEARTBEAT_SECONDS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

  private final KpiQueryService queries;
  private final Clock clock;
  private final Map<String, LiveClient> clients = new ConcurrentHashMap<>();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "live-feed");
            thread.setDaemon(true);
            return thread;
          });
  private final Counter messages;
  private long lastMinute = -1;

  public LiveFeed(KpiQueryService queries, int pushHz, Clock clock, MeterRegistry registry) {
    this.queries = queries;
    this.clock = clock;
    Gauge.builder("salespulse.websocket.sessions", clients, Map::size)
        .description("Open /ws/live sessions")
        .register(registry);
    messages =
        Counter.builder("salespulse.websocket.messages.sent")
            .description("Messages sent on /ws/live")
            .register(registry);
    long periodMs = Math.max(1, 1000 / pushHz);
    ticker.scheduleAtFixedRate(this::pushChanges, periodMs, periodMs, TimeUnit.MILLISECONDS);
    ticker.scheduleAtFixedRate(
        this::heartbeat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
  }

  /** Wires the handlers of one WebSocket endpoint. */
  public void configure(WsConfig ws) {
    ws.onConnect(ctx -> clients.put(ctx.sessionId(), new LiveClient(ctx)));
    ws.onClose(ctx -> clients.remove(ctx.sessionId()));
    ws.onError(ctx -> clients.remove(ctx.sessionId()));
    ws.onMessage(ctx -> onMessage(ctx, ctx.message()));
  }

  /** Called for every changed scope (from {@code sales.kpi-changes}); cheap and non-blocking. */
  public void scopeChanged(String scope) {
    for (LiveClient client : clients.values()) {
      client.markChanged(scope);
    }
  }

  private void onMessage(WsContext ctx, String text) {
    LiveClient client = clients.get(ctx.sessionId());
    if (client == null) {
      return;
    }
    Subscription subscription;
    try {
      subscription = Subscription.parse(text);
    } catch (IllegalArgumentException e) {
      ctx.send(error("bad-request", e.getMessage()));
      return;
    }
    // The snapshot goes out at the next push tick, like every other message: a client that
    // subscribes again and again gets its latest subscription's snapshot at the push rate.
    client.subscribe(subscription.scopes(), subscription.period());
  }

  private void pushChanges() {
    // Answers move with the clock too (a new day at midnight, last15m sliding, pace): once a
    // minute every subscribed scope counts as changed, events or not.
    long minute = Math.floorDiv(clock.millis(), 60_000L);
    boolean newMinute = lastMinute != -1 && minute != lastMinute;
    lastMinute = minute;
    Map<String, JsonNode> answers = new HashMap<>();
    for (LiveClient client : clients.values()) {
      if (newMinute) {
        client.markAllChanged();
      }
      push(client, answers);
    }
  }

  /** Sends what the client is owed: its snapshots after a subscribe, else coalesced changes. */
  private void push(LiveClient client, Map<String, JsonNode> answers) {
    try {
      if (client.takeSnapshotPending()) {
        List<String> frames = new ArrayList<>();
        for (String scope : client.scopes()) {
          frames.add(message("snapshot", scope, client.period(), answers));
        }
        send(client, frames);
        return;
      }
      if (client.takeHeartbeatDue()) {
        // One message a tick: the changes wait for the next one.
        if (!send(client, List.of(heartbeatMessage()))) {
          client.heartbeatDue();
        }
        return;
      }
      List<String> changed = client.takeChanged();
      if (changed.isEmpty()) {
        return;
      }
      String message =
          changed.size() == 1
              ? message("update", changed.get(0), client.period(), answers)
              : updates(changed, client.period(), answers);
      if (!send(client, List.of(message))) {
        changed.forEach(client::markChanged);
      }
    } catch (RuntimeException e) {
      LOG.debug("Could not answer live client {} yet; retrying next tick", client.id(), e);
      client.subscribe(List.copyOf(client.scopes()), client.period());
    }
  }

  private boolean send(LiveClient client, List<String> frames) {
    boolean sent = client.send(frames, () -> drop(client));
    if (sent) {
      messages.increment(frames.size());
    }
    return sent;
  }

  private String message(String type, String scope, String period, Map<String, JsonNode> cache) {
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("type", type);
    json.put("scope", scope);
    json.put("period", period);
    json.set("data", answer(scope, period, cache));
    return Json.write(json);
  }

  private String updates(List<String> scopes, String period, Map<String, JsonNode> cache) {
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("type", "updates");
    json.put("period", period);
    ArrayNode items = json.putArray("items");
    for (String scope : scopes) {
      items.addObject().put("scope", scope).set("data", answer(scope, period, cache));
    }
    return Json.write(json);
  }

  private JsonNode answer(String scope, String period, Map<String, JsonNode> cache) {
    return cache.computeIfAbsent(
        scope + "@" + period,
        key -> {
          KpiAnswer answer = queries.kpis(scope, period);
          return Json.MAPPER.valueToTree(answer);
        });
  }

  /** Heartbeats are sent by the push ticks, so they count towards SALESPULSE_PUSH_HZ. */
  private void heartbeat() {
    for (LiveClient client : clients.values()) {
      client.heartbeatDue();
    }
  }

  private String heartbeatMessage() {
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("type", "heartbeat");
    json.put("serverTime", clock.instant().toString());
    return Json.write(json);
  }

  private void drop(LiveClient client) {
    clients.remove(client.id());
  }

  static String error(String code, String detail) {
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("type", "error");
    json.put("error", code);
    json.put("detail", detail);
    return Json.write(json);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    for (LiveClient client : new ArrayList<>(clients.values())) {
      client.close(1001, "server shutting down");
    }
    clients.clear();
  }

  /** A parsed, validated subscribe request. */
  record Subscription(List<String> scopes, String period) {
    static Subscription parse(String text) {
      JsonNode json;
      try {
        json = Json.MAPPER.readTree(text);
      } catch (Exception e) {
        throw new IllegalArgumentException(
            "expected JSON such as {\"subscribe\":[\"company:all\"]}");
      }
      JsonNode subscribe = json == null ? null : json.get("subscribe");
      if (subscribe == null || !subscribe.isArray() || subscribe.isEmpty()) {
        throw new IllegalArgumentException("'subscribe' must be a non-empty array of scopes");
      }
      if (subscribe.size() > LiveClient.MAX_SCOPES) {
        throw new IllegalArgumentException("at most " + LiveClient.MAX_SCOPES + " scopes");
      }
      List<String> scopes = new ArrayList<>();
      for (JsonNode scope : subscribe) {
        scopes.add(Scope.parse(scope.asText()).toString());
      }
      JsonNode period = json.get("period");
      String code = period == null || period.isNull() ? "today" : period.asText();
      if (Period.parse(code) == Period.CUSTOM) {
        throw new IllegalArgumentException("live periods are the named ones, not custom");
      }
      return new Subscription(scopes, code);
    }
  }
}
