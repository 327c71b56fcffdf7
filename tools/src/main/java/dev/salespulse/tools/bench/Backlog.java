package dev.salespulse.tools.bench;

import dev.salespulse.streams.topology.Topics;
import dev.salespulse.tools.simulate.EventGenerator;
import dev.salespulse.tools.simulate.SalesFloor;
import dev.salespulse.tools.simulate.SimulatedRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces a backlog of realistic simulated events (the roster first) spread evenly over a time
 * window, streaming them from the generator so that a million events need no memory of their own.
 */
final class Backlog {
  private Backlog() {}

  /**
   * @param progress called with the number of events sent so far, every 100,000
   * @return the number of send failures (0 when everything was acknowledged)
   */
  static long produce(
      Map<String, Object> clientConfig,
      Topics topics,
      long events,
      Instant from,
      Instant to,
      ZoneId zone,
      LongConsumer progress) {
    Map<String, Object> config = new java.util.HashMap<>(clientConfig);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "salespulse-bench");
    AtomicLong failures = new AtomicLong();
    EventGenerator generator = new EventGenerator(SalesFloor.generate(60, 4242L), zone, 4242L);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      for (SimulatedRecord entry : generator.roster()) {
        producer.send(new ProducerRecord<>(topics.reps().name(), entry.key(), entry.json()));
      }
      producer.flush();
      Duration span = Duration.between(from, to);
      for (long i = 0; i < events; i++) {
        Instant at = from.plus(span.multipliedBy(i).dividedBy(events));
        SimulatedRecord event = generator.next(at);
        String topic =
            event.topicKind().equals(SimulatedRecord.ORDERS)
                ? topics.orders().name()
                : topics.activities().name();
        producer.send(
            new ProducerRecord<>(topic, event.key(), event.json()),
            (metadata, error) -> {
              if (error != null) {
                failures.incrementAndGet();
              }
            });
        if ((i + 1) % 100_000 == 0) {
          progress.accept(i + 1);
        }
      }
      producer.flush();
    }
    return failures.get();
  }
}
