package dev.salespulse.tools.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Many WebSocket clients of {@code /ws/live}, each subscribed to {@code company:all} (which every
 * live event changes, so every client gets a message at every push tick, as a wallboard does) and
 * to the probe rep's scope. A client records, for every probe order the probe scope's {@code
 * orders} count newly includes, the time from that probe's send to the message's arrival: event to
 * WebSocket delivered, per client.
 */
final class LiveClients implements AutoCloseable {
  private static final String SUBSCRIBE =
      "{\"subscribe\":[\"company:all\",\"%s\"],\"period\":\"today\"}";

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<WebSocket> sockets = new ArrayList<>();
  private final String probeScopeMarker;
  private final AtomicLongArray sentAtNanos;
  private final Recorder deliveries = new Recorder(TimeUnit.MINUTES.toMillis(5), 3);
  private final LongAdder delivered = new LongAdder();
  private final LongAdder messages = new LongAdder();
  private final LongAdder characters = new LongAdder();
  private final LongAdder snapshots = new LongAdder();
  private final LongAdder closed = new LongAdder();

  private LiveClients(String probeScope, int probes) {
    this.probeScopeMarker = "\"scope\":\"" + probeScope + "\"";
    this.sentAtNanos = new AtomicLongArray(probes + 1);
  }

  /**
   * Opens {@code count} clients (at most 100 handshakes at a time) and subscribes each.
   *
   * @param probes how many probe orders will be sent, numbered from 1
   */
  static LiveClients open(URI uri, int count, String probeScope, int probes) {
    LiveClients clients = new LiveClients(probeScope, probes);
    String subscribe = SUBSCRIBE.formatted(probeScope);
    for (int first = 0; first < count; first += 100) {
      List<CompletableFuture<WebSocket>> batch = new ArrayList<>();
      for (int i = first; i < Math.min(count, first + 100); i++) {
        batch.add(clients.http.newWebSocketBuilder().buildAsync(uri, clients.new Listener()));
      }
      for (CompletableFuture<WebSocket> socket : batch) {
        WebSocket open = socket.join();
        open.sendText(subscribe, true).join();
        clients.sockets.add(open);
      }
    }
    return clients;
  }

  /** Probe {@code n} (from 1) is being sent now. */
  void probeSent(int n) {
    sentAtNanos.set(n, System.nanoTime());
  }

  /** Clients that received their probe scope's snapshot. */
  long subscribed() {
    return snapshots.sum();
  }

  long delivered() {
    return delivered.sum();
  }

  long messages() {
    return messages.sum();
  }

  long characters() {
    return characters.sum();
  }

  long closed() {
    return closed.sum();
  }

  int size() {
    return sockets.size();
  }

  /** Event-to-delivery times (ms) since the previous call. */
  Histogram takeDeliveries() {
    return deliveries.getIntervalHistogram();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder parts = new StringBuilder();
    private long seen = -1;

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      parts.append(data);
      if (last) {
        long now = System.nanoTime();
        onMessage(parts, now);
        parts.setLength(0);
      }
      socket.request(1);
      return null;
    }

    private void onMessage(CharSequence message, long now) {
      messages.increment();
      characters.add(message.length());
      String text = message.toString();
      int scope = text.indexOf(probeScopeMarker);
      if (scope < 0) {
        return;
      }
      int orders = text.indexOf("\"orders\":", scope);
      if (orders < 0) {
        return;
      }
      int from = orders + "\"orders\":".length();
      int to = from;
      while (to < text.length() && Character.isDigit(text.charAt(to))) {
        to++;
      }
      long count = Long.parseLong(text.substring(from, to));
      if (seen < 0) {
        // The first answer for the probe scope (its snapshot) is where this client starts.
        seen = count;
        snapshots.increment();
        return;
      }
      for (long n = seen + 1; n <= count && n < sentAtNanos.length(); n++) {
        long sentAt = sentAtNanos.get((int) n);
        if (sentAt != 0) {
          deliveries.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMillis(now - sentAt)));
          delivered.increment();
        }
      }
      seen = Math.max(seen, count);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
      closed.increment();
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      closed.increment();
    }
  }

  @Override
  public void close() {
    for (WebSocket socket : sockets) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bench done");
    }
    for (WebSocket socket : sockets) {
      socket.abort();
    }
  }
}
