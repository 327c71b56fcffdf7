package dev.salespulse.web;

import dev.salespulse.streams.config.SalesPulseConfig;
import dev.salespulse.web.ingest.EventSink;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * What the all-commands jar (tools/, run by {@code ./salespulse}) adds to the service on a machine
 * without a Kafka cluster: a single-node broker, and the demo's simulated sales floor. Found with
 * {@link ServiceLoader}; the production jar has none, so there {@code run} needs
 * SALESPULSE_BOOTSTRAP_SERVERS.
 */
public interface LocalParts {

  /** A broker with its data under {@code dir} on {@code port} (0: a free one); closing stops it. */
  Broker startBroker(Path dir, int port);

  /** The demo's floor: its history, then live events, sent through {@code sink}. */
  AutoCloseable startFloor(EventSink sink, SalesPulseConfig config, Clock clock);

  /** A running broker on this machine. */
  interface Broker extends AutoCloseable {
    String bootstrapServers();
  }

  /** The parts on the class path, if any. */
  static Optional<LocalParts> installed() {
    return ServiceLoader.load(LocalParts.class).findFirst();
  }
}
