package dev.salespulse.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A client of a running app's {@code /ws/live}: keeps every message it receives, parsed, with the
 * time it arrived, and how the connection ended.
 */
final class LiveSocket implements AutoCloseable {
  /** One message as received ({@link System#nanoTime()} on arrival). */
  record Message(long nanos, JsonNode json) {
    String type() {
      return json.get("type").asText();
    }
  }

  private final List<Message> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger closeCode = new AtomicInteger();
  private final AtomicReference<String> closeReason = new AtomicReference<>();
  private final AtomicBoolean failed = new AtomicBoolean();
  private final WebSocket socket;

  private LiveSocket(RunningApp running) {
    socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(
                URI.create("ws://localhost:" + running.app.httpPort() + "/ws/live"),
                new Listener(running))
            .join();
  }

  static LiveSocket open(RunningApp running) {
    return new LiveSocket(running);
  }

  /** Sends a text message and waits until it is sent. */
  void send(String text) {
    socket.sendText(text, true).join();
  }

  /** Sends a text message the server may refuse by closing the connection. */
  void sendWithoutWaiting(String text) {
    socket.sendText(text, true);
  }

  List<Message> received() {
    return received;
  }

  /** The messages of one type, in arrival order. */
  List<JsonNode> messages(String type) {
    return received.stream().filter(m -> m.type().equals(type)).map(Message::json).toList();
  }

  /** Every answer pushed for a scope: snapshots, updates and the items of coalesced updates. */
  Stream<JsonNode> answers(String scope) {
    return received.stream()
        .map(Message::json)
        .flatMap(
            m ->
                switch (m.get("type").asText()) {
                  case "snapshot", "update" -> Stream.of(m);
                  case "updates" -> StreamSupport.stream(m.get("items").spliterator(), false);
                  default -> Stream.<JsonNode>empty();
                })
        .filter(m -> m.get("scope").asText().equals(scope))
        .map(m -> m.get("data"));
  }

  /** The status code the server closed with, 0 while open. */
  int closeCode() {
    return closeCode.get();
  }

  /** The reason the server gave when it closed, null while open. */
  String closeReason() {
    return closeReason.get();
  }

  /** Whether the connection broke (rather than being closed). */
  boolean failed() {
    return failed.get();
  }

  @Override
  public void close() {
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final RunningApp running;
    private final StringBuilder partial = new StringBuilder();

    Listener(RunningApp running) {
      this.running = running;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeReason.set(reason);
      closeCode.set(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      failed.set(true);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received.add(new Message(System.nanoTime(), running.parse(partial.toString())));
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }
}
