package dev.salespulse.streams.config;

/**
 * The live feed of {@code /ws/live}.
 *
 * @param pushHz {@code SALESPULSE_PUSH_HZ}, the most WebSocket messages a second per client
 * @param wsMaxSessions {@code SALESPULSE_WS_MAX_SESSIONS} one instance serves
 */
public record LiveConfig(int pushHz, int wsMaxSessions) {

  static LiveConfig from(Settings settings) {
    return new LiveConfig(
        settings.intIn(ConfigKey.PUSH_HZ, 1, 50),
        settings.intIn(ConfigKey.WS_MAX_SESSIONS, 1, 1_000_000));
  }
}
