package dev.salespulse.tools;

import dev.salespulse.streams.config.SalesPulseConfig;
import dev.salespulse.tools.broker.EmbeddedKafkaBroker;
import dev.salespulse.tools.simulate.ConsoleProgress;
import dev.salespulse.tools.simulate.DemoFloor;
import dev.salespulse.web.LocalParts;
import dev.salespulse.web.ingest.EventSink;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The embedded broker and the demo's floor, for the service started from this module's jar
 * (registered in META-INF/services).
 */
public final class ToolParts implements LocalParts {

  @Override
  public Broker startBroker(Path dir, int port) {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, port);
    return new Broker() {
      @Override
      public String bootstrapServers() {
        return broker.bootstrapServers();
      }

      @Override
      public void close() {
        broker.close();
      }
    };
  }

  /**
   * The demo's floor: its history, then live events, through the same checks and producer as HTTP
   * ingest (see DemoFloor). The zone is the service's, so days and buckets agree with the floor's.
   */
  @Override
  public AutoCloseable startFloor(EventSink sink, SalesPulseConfig config, Clock clock) {
    return DemoFloor.start(
        sink,
        config.simulator().reps(),
        config.reporting().timezone(),
        config.storage().dataDir(),
        clock,
        ConsoleProgress.stdout());
  }
}
