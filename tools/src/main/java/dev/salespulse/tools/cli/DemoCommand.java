package dev.salespulse.tools.cli;

import dev.salespulse.streams.config.ConfigLoader;
import dev.salespulse.streams.config.SalesPulseConfig;
import dev.salespulse.tools.simulate.DemoState;
import dev.salespulse.tools.simulate.DemoZone;
import dev.salespulse.web.cli.ServeCommand;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code salespulse demo}: embedded broker (unless a cluster is given), service and simulator. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Start SalesPulse with a simulated sales floor of SALESPULSE_SIM_REPS reps (default 60),",
      "with 5 weeks of history sent on the first start. Without SALESPULSE_TIMEZONE the floor",
      "runs in a major business time zone where it is now business hours on a weekday, chosen",
      "on the first start and kept in the data directory (demo.json).",
      "Without SALESPULSE_BOOTSTRAP_SERVERS it starts an embedded Kafka broker on",
      "localhost:9092 (data under ./data).",
      "Any setting can be given as --flag, e.g. --http-port 8080 (see docs/configuration.md)."
    })
final class DemoCommand extends ServeCommand {
  private final Clock clock = Clock.systemUTC();

  @Override
  protected boolean simulate() {
    return true;
  }

  @Override
  protected SalesPulseConfig config(Map<String, String> env, Map<String, String> flags) {
    SalesPulseConfig config = ConfigLoader.load(env, flags);
    if (env.containsKey("SALESPULSE_TIMEZONE") || flags.containsKey("timezone")) {
      return config;
    }
    Map<String, String> withZone = new HashMap<>(flags);
    withZone.put("timezone", zone(config, clock.instant()).getId());
    return ConfigLoader.load(env, withZone);
  }

  /** The zone of an earlier start, else a busy one now, recorded for the next start. */
  static ZoneId zone(SalesPulseConfig config, Instant now) {
    DemoState state = DemoState.load(config.storage().dataDir());
    if (state.zone().isPresent()) {
      return state.zone().get();
    }
    ZoneId zone = DemoZone.choose(now);
    state.withZone(zone).save(config.storage().dataDir());
    return zone;
  }

  @Override
  protected String simulatorLine(SalesPulseConfig config) {
    return banner(config.reporting().timezone(), clock.instant(), config.simulator().reps());
  }

  static String banner(ZoneId zone, Instant now, int reps) {
    ZonedDateTime local = now.atZone(zone);
    String when = local.format(DateTimeFormatter.ofPattern("EEEE HH:mm", Locale.ENGLISH));
    String quiet =
        DemoZone.busy(zone, now)
            ? ""
            : " (outside business hours: the floor is quiet on nights and weekends)";
    return String.format(
        Locale.ROOT,
        "  Demo       %d simulated reps in %s, where it is %s%s;%n"
            + "             set SALESPULSE_TIMEZONE to choose",
        reps,
        zone.getId(),
        when,
        quiet);
  }
}
