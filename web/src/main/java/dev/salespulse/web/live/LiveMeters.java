package dev.salespulse.web.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.IntSupplier;

/** What the live feed counts: its sessions, the messages it sent and the sessions it closed. */
final class LiveMeters {
  final Counter messages;
  final Counter refusedSessions;
  final Counter closedForMessages;

  LiveMeters(MeterRegistry registry, IntSupplier sessions) {
    Gauge.builder("salespulse.websocket.sessions", sessions::getAsInt)
        .description("Open /ws/live sessions")
        .register(registry);
    messages =
        Counter.builder("salespulse.websocket.messages.sent")
            .description("Messages sent on /ws/live")
            .register(registry);
    refusedSessions = closed(registry, "sessions-full");
    closedForMessages = closed(registry, "too-many-messages");
  }

  private static Counter closed(MeterRegistry registry, String reason) {
    return Counter.builder("salespulse.websocket.sessions.closed")
        .description("/ws/live sessions the server closed to protect itself, by reason")
        .tag("reason", reason)
        .register(registry);
  }
}
