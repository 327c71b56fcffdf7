package dev.salespulse.tools.bench;

import dev.salespulse.streams.topology.Topics;
import dev.salespulse.tools.simulate.EventGenerator;
import dev.salespulse.tools.simulate.SalesFloor;
import dev.salespulse.tools.simulate.SimulatedRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** A steady background load of simulated events at a fixed rate, stamped with the wall clock. */
final class LiveLoad implements AutoCloseable {
  private final KafkaProducer<String, String> producer;
  private final Thread thread;
  private final double rate;
  private volatile boolean running = true;

  private LiveLoad(Map<String, Object> clients, Topics topics, double rate) {
    this.rate = rate;
    this.producer = new KafkaProducer<>(clients, new StringSerializer(), new StringSerializer());
    EventGenerator generator =
        new EventGenerator(SalesFloor.generate(60, 99L), ZoneOffset.UTC, 99L);
    this.thread =
        new Thread(
            () -> {
              long intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / rate);
              long next = System.nanoTime();
              while (running) {
                SimulatedRecord event = generator.next(Instant.now());
                String topic =
                    event.topicKind().equals(SimulatedRecord.ORDERS)
                        ? topics.orders().name()
                        : topics.activities().name();
                producer.send(new ProducerRecord<>(topic, event.key(), event.json()));
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                  try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              }
            },
            "bench-load");
    thread.setDaemon(true);
  }

  static LiveLoad start(Map<String, Object> clients, Topics topics, double rate) {
    LiveLoad load = new LiveLoad(clients, topics, rate);
    load.thread.start();
    return load;
  }

  double rate() {
    return rate;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(5_000);
    producer.close();
  }
}
