package dev.salespulse.tools.simulate;

import dev.salespulse.streams.topology.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a simulated sales floor to Kafka: on {@link #start()} the roster, then orders and
 * activities from one background daemon thread at {@link SimulatorSettings#rate()} events a second
 * scaled by the business rhythm, never below a tenth of the rate so a dashboard always moves. Every
 * event's {@code occurredAt} and record timestamp is the settings' clock at the time it is made.
 *
 * <p>The simulator owns the producer it is given: {@link #close()} stops the thread, flushes and
 * closes it. Send errors are counted ({@link #failed()}) and logged at most every 10 s; the thread
 * keeps going. The floor is always {@link SalesFloor#STANDARD_SEED}'s, so the roster stays the same
 * across runs; the settings' seed only drives the events.
 *
 * <p>Limits: delivery is at-least-once (SalesPulse deduplicates on eventId), an event whose send
 * fails is not retried, and the pace is kept per 50 ms tick, so bursts are up to a tick's worth.
 */
public final class SalesFloorSimulator implements AutoCloseable {
  static final String THREAD_NAME = "salespulse-simulator";
  private static final Logger LOG = LoggerFactory.getLogger(SalesFloorSimulator.class);
  private static final long TICK_MILLIS = 50;
  private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final double MIN_SHARE_OF_RATE = 0.1;

  private final Producer<String, String> producer;
  private final Map<String, String> topics;
  private final SimulatorSettings settings;
  private final EventGenerator generator;
  private final BusinessRhythm rhythm;
  private final ScheduledExecutorService executor;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong lastErrorLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
  private final Pacer pacer = new Pacer();
  private volatile Thread thread;

  /**
   * A simulator with a producer of its own (closed with it) for the topics of the registry.
   *
   * @param clientConfig bootstrap servers and connection settings
   */
  public static SalesFloorSimulator to(
      Map<String, Object> clientConfig, Topics topics, SimulatorSettings settings) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "salespulse-simulator");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    return new SalesFloorSimulator(
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer()),
        topics.orders().name(),
        topics.activities().name(),
        topics.reps().name(),
        settings);
  }

  public SalesFloorSimulator(
      Producer<String, String> producer,
      String ordersTopic,
      String activitiesTopic,
      String repsTopic,
      SimulatorSettings settings) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.topics =
        Map.of(
            SimulatedRecord.ORDERS, Objects.requireNonNull(ordersTopic, "ordersTopic"),
            SimulatedRecord.ACTIVITIES, Objects.requireNonNull(activitiesTopic, "activitiesTopic"),
            SimulatedRecord.REPS, Objects.requireNonNull(repsTopic, "repsTopic"));
    this.settings = Objects.requireNonNull(settings, "settings");
    SalesFloor floor = SalesFloor.generate(settings.reps(), SalesFloor.STANDARD_SEED);
    this.generator = new EventGenerator(floor, settings.zone(), settings.seed());
    this.rhythm = new BusinessRhythm(settings.zone());
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread worker = new Thread(task, THREAD_NAME);
              worker.setDaemon(true);
              thread = worker;
              return worker;
            });
  }

  /** Publishes the roster, then starts the background thread. At most once. */
  public void start() {
    if (closed.get() || !started.compareAndSet(false, true)) {
      throw new IllegalStateException("a simulator starts once, before it is closed");
    }
    generator.roster().forEach(record -> send(record, false));
    LOG.info(
        "Simulating {} reps, up to {} events/s by business hours in {}, seed {}, to {}, {} and {}",
        settings.reps(),
        settings.rate(),
        settings.zone(),
        settings.seed(),
        topics.get(SimulatedRecord.ORDERS),
        topics.get(SimulatedRecord.ACTIVITIES),
        topics.get(SimulatedRecord.REPS));
    pacer.reset(System.nanoTime());
    executor.scheduleAtFixedRate(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Orders and activities acknowledged so far (roster entries not included). */
  public long sent() {
    return sent.get();
  }

  /** Records whose send failed so far, roster entries included. */
  public long failed() {
    return failed.get();
  }

  /** Stops the thread, then flushes and closes the producer. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
      }
      // The executor counts as terminated while its thread is still on its way out.
      Thread worker = thread;
      if (worker != null) {
        worker.join(5_000);
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    try {
      producer.flush();
      producer.close(Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      LOG.warn("Simulator producer did not close cleanly", e);
    }
    LOG.info("Simulator stopped: {} events sent, {} failed", sent.get(), failed.get());
  }

  static double targetRate(double rate, double intensity) {
    return rate * Math.max(MIN_SHARE_OF_RATE, intensity);
  }

  private void tick() {
    try {
      long now = System.nanoTime();
      double rate = targetRate(settings.rate(), rhythm.intensity(settings.clock().instant()));
      for (int due = pacer.due(now, rate); due > 0 && !closed.get(); due--) {
        send(generator.next(settings.clock().instant()), true);
      }
      if (pacer.progressDue(now, LOG_EVERY_NANOS)) {
        logProgress(now, rate);
      }
    } catch (RuntimeException e) {
      onError(e);
    }
  }

  private void send(SimulatedRecord record, boolean event) {
    Long timestamp = record.occurredAt() == null ? null : record.occurredAt().toEpochMilli();
    String topic = topics.get(record.topicKind());
    try {
      producer.send(
          new ProducerRecord<>(topic, null, timestamp, record.key(), record.json()),
          (metadata, exception) -> {
            if (exception != null) {
              onError(exception);
            } else if (event) {
              sent.incrementAndGet();
            }
          });
    } catch (RuntimeException e) {
      onError(e);
    }
  }

  private void onError(Exception e) {
    long count = failed.incrementAndGet();
    long now = System.nanoTime();
    long last = lastErrorLog.get();
    if (now - last >= LOG_EVERY_NANOS && lastErrorLog.compareAndSet(last, now)) {
      LOG.warn("Simulator could not send a record ({} failed so far)", count, e);
    }
  }

  private void logProgress(long now, double rate) {
    long total = sent.get();
    LOG.info(
        "Simulator: {} events sent, {} failed, {} events/s over the last {} s (target now {}/s)",
        total,
        failed.get(),
        String.format("%.1f", pacer.ratePerSecond(now, total)),
        String.format("%.0f", pacer.secondsSinceProgress(now)),
        String.format("%.1f", rate));
    pacer.markProgress(now, total);
  }
}
