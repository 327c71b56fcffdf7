package dev.salespulse.web.recovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the Kafka brokers answer, asked every {@link #INTERVAL}: since when they have not, so
 * that answers from the local stores are marked stale and {@code /health/ready} can say why.
 *
 * <p>Also the wait at start for brokers that are not up yet ({@link #awaitReachable}), with a log
 * line every few seconds, instead of giving up and leaving a supervisor to restart the process in a
 * loop.
 *
 * <p>Limit: "reachable" means a broker answered a describe-cluster call; a cluster that answers it
 * but cannot serve the application's partitions (no leader) counts as reachable.
 */
public final class BrokerWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerWatch.class);
  static final Duration INTERVAL = Duration.ofSeconds(2);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration LOG_EVERY = Duration.ofSeconds(5);

  private final Admin admin;
  private final Clock clock;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "salespulse-broker-watch");
            thread.setDaemon(true);
            return thread;
          });
  private volatile Instant unreachableSince;

  public BrokerWatch(Admin admin, Clock clock) {
    this.admin = admin;
    this.clock = clock;
  }

  /**
   * Blocks until a broker answers, logging every few seconds how long it has waited. No upper
   * bound: SalesPulse has nothing to serve without its topics, and a supervisor restarting it would
   * only wait again.
   */
  public static void awaitReachable(Admin admin, String bootstrapServers)
      throws InterruptedException {
    long startNanos = System.nanoTime();
    long nextLogNanos = startNanos;
    while (!answers(admin)) {
      if (System.nanoTime() - nextLogNanos >= 0) {
        LOG.warn(
            "Waiting for the Kafka brokers at {}: not reachable for {} s; SalesPulse starts once"
                + " they answer",
            bootstrapServers,
            TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos));
        nextLogNanos = System.nanoTime() + LOG_EVERY.toNanos();
      }
      TimeUnit.MILLISECONDS.sleep(INTERVAL.toMillis());
    }
    if (System.nanoTime() - startNanos > LOG_EVERY.toNanos()) {
      LOG.info(
          "The Kafka brokers at {} answer after {} s",
          bootstrapServers,
          TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos));
    }
  }

  public void start() {
    timer.scheduleWithFixedDelay(this::probe, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Since when no broker has answered; empty while they answer. */
  public Optional<Instant> unreachableSince() {
    return Optional.ofNullable(unreachableSince);
  }

  public boolean away() {
    return unreachableSince != null;
  }

  private void probe() {
    Instant asked = clock.instant();
    boolean answered;
    try {
      answered = answers(admin);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (!answered && unreachableSince == null) {
      unreachableSince = asked;
      LOG.warn(
          "The Kafka brokers are unreachable since {}: answering from local state, marked stale",
          asked);
    } else if (answered && unreachableSince != null) {
      LOG.info(
          "The Kafka brokers answer again after {} s unreachable",
          Duration.between(unreachableSince, clock.instant()).toSeconds());
      unreachableSince = null;
    }
  }

  private static boolean answers(Admin admin) throws InterruptedException {
    try {
      return !admin
          .describeCluster(new DescribeClusterOptions().timeoutMs((int) CALL_TIMEOUT.toMillis()))
          .nodes()
          .get(CALL_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS)
          .isEmpty();
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
