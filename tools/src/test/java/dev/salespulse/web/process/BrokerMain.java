package dev.salespulse.web.process;

import dev.salespulse.tools.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A Kafka broker in a process of its own (the project's single-node KRaft broker), for tests that
 * kill or stop the broker and SalesPulse apart. Arguments: data directory, client port. Runs until
 * SIGTERM (clean shutdown) or SIGKILL.
 */
public final class BrokerMain {
  private BrokerMain() {}

  public static void main(String[] args) throws InterruptedException {
    EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1]));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  broker.close();
                  stopped.countDown();
                }));
    System.out.println("Broker ready at " + broker.bootstrapServers());
    stopped.await();
  }
}
