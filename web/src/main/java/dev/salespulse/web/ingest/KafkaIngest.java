package dev.salespulse.web.ingest;

import dev.salespulse.streams.events.RejectReason;
import dev.salespulse.streams.topology.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks records and produces the good ones to the contract's topics through one idempotent
 * producer ({@code acks=all}), and answers only once the cluster has acknowledged every one it
 * produced. Records keep their order within a request; the record timestamp is the wall clock when
 * they are sent (never {@code occurredAt}, so topic retention never deletes an imported history).
 *
 * <p>Each {@link #sink(String) sink} counts what its callers send in {@code
 * salespulse_ingest_records_total{source,outcome,reason}}. A record the cluster did not acknowledge
 * within {@link #ACK_TIMEOUT} is reported with reason {@code not-acknowledged}: sending it again is
 * safe, as SalesPulse drops duplicate event ids.
 */
public final class KafkaIngest implements AutoCloseable {
  /** How long a request waits for the cluster's acknowledgements. */
  public static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

  static final String NOT_ACKNOWLEDGED = "not-acknowledged";
  static final String REFUSED_BY_CLUSTER = "refused-by-cluster";

  /**
   * The largest record produced: below the brokers' default {@code message.max.bytes} (1 MiB and a
   * few bytes) with room for the batch's own bytes, so that the cluster never refuses one for size.
   */
  static final int MAX_RECORD_BYTES = 1_000_000;

  private static final Logger LOG = LoggerFactory.getLogger(KafkaIngest.class);

  private final Producer<String, byte[]> producer;
  private final EventChecks events;
  private final ReferenceChecks reference;
  private final Clock clock;
  private final MeterRegistry registry;
  private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

  /**
   * @param clientConfig bootstrap servers and connection settings of SalesPulse's own clients
   */
  public static KafkaIngest to(
      Map<String, Object> clientConfig, Topics topics, Clock clock, MeterRegistry registry) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "salespulse-ingest");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    // A send blocks at most this long for metadata or buffer space; the answer then reports the
    // records as not acknowledged instead of holding the request.
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis());
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
    // Room for the records of the write requests taken at once (four bodies of up to 10 MB).
    config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
    return new KafkaIngest(
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()),
        topics,
        clock,
        registry);
  }

  KafkaIngest(
      Producer<String, byte[]> producer, Topics topics, Clock clock, MeterRegistry registry) {
    this.producer = producer;
    this.events = new EventChecks(topics);
    this.reference = new ReferenceChecks(topics);
    this.clock = clock;
    this.registry = registry;
  }

  /**
   * A sink whose records count under {@code source} ({@code http}, {@code webhook:shopify}, {@code
   * demo}, …): a small fixed set, as it is a metric label.
   */
  public EventSink sink(String source) {
    return new EventSink() {
      @Override
      public IngestResult events(List<byte[]> records) {
        return produce(
            source, records.stream().map(r -> events.check(r, clock.instant())).toList());
      }

      @Override
      public IngestResult reference(ReferenceKind kind, List<byte[]> records) {
        return produce(source, records.stream().map(r -> reference.check(kind, r)).toList());
      }
    };
  }

  private IngestResult produce(String source, List<Checked> checked) {
    // One deadline for the whole request, sends included: with the brokers away each send may
    // block for metadata, and a request must not hold its thread for longer than this.
    long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
    List<IngestResult.RecordError> errors = new ArrayList<>();
    List<Integer> sentIndexes = new ArrayList<>();
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    for (int i = 0; i < checked.size(); i++) {
      Checked record = checked.get(i);
      if (record instanceof Checked.Refused refused) {
        errors.add(
            new IngestResult.RecordError(i, refused.eventId(), refused.reason(), refused.detail()));
        continue;
      }
      Checked.Routed routed = (Checked.Routed) record;
      if (routed.value() != null && routed.value().length > MAX_RECORD_BYTES) {
        errors.add(
            new IngestResult.RecordError(
                i,
                routed.eventId(),
                RejectReason.VALUE_TOO_LARGE.code(),
                "the record has "
                    + routed.value().length
                    + " bytes; at most "
                    + MAX_RECORD_BYTES
                    + " fit in one Kafka record"));
        continue;
      }
      sentIndexes.add(i);
      acks.add(System.nanoTime() < deadline ? send(routed) : notSent());
    }
    int accepted = 0;
    for (int j = 0; j < acks.size(); j++) {
      int index = sentIndexes.get(j);
      Refusal refusal = awaitAck(acks.get(j), deadline);
      if (refusal == null) {
        accepted++;
      } else {
        Checked.Routed routed = (Checked.Routed) checked.get(index);
        errors.add(
            new IngestResult.RecordError(
                index, routed.eventId(), refusal.reason(), refusal.detail()));
      }
    }
    errors.sort((a, b) -> Integer.compare(a.index(), b.index()));
    count(source, "accepted", "none", accepted);
    errors.forEach(e -> count(source, "rejected", e.reason(), 1));
    return new IngestResult(accepted, errors.size(), errors);
  }

  /** Why the cluster did not take a record. */
  private record Refusal(String reason, String detail) {}

  private static CompletableFuture<Void> notSent() {
    return CompletableFuture.failedFuture(
        new org.apache.kafka.common.errors.TimeoutException("the request's deadline passed"));
  }

  private CompletableFuture<Void> send(Checked.Routed routed) {
    CompletableFuture<Void> ack = new CompletableFuture<>();
    try {
      producer.send(
          new ProducerRecord<>(routed.topic(), routed.key(), routed.value()),
          (metadata, exception) -> {
            if (exception == null) {
              ack.complete(null);
            } else {
              ack.completeExceptionally(exception);
            }
          });
    } catch (RuntimeException e) {
      ack.completeExceptionally(e);
    }
    return ack;
  }

  /** Null once acknowledged, else why not: worth sending again, or refused for good. */
  private static Refusal awaitAck(CompletableFuture<Void> ack, long deadlineNanos) {
    String again = "; send it again (duplicates are dropped)";
    try {
      ack.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
      return null;
    } catch (TimeoutException e) {
      return new Refusal(
          NOT_ACKNOWLEDGED,
          "the cluster did not acknowledge within " + ACK_TIMEOUT.toSeconds() + " s" + again);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      LOG.debug("Ingest record not acknowledged", cause);
      if (cause instanceof RetriableException) {
        return new Refusal(
            NOT_ACKNOWLEDGED,
            "the cluster did not take it (" + cause.getClass().getSimpleName() + ")" + again);
      }
      return new Refusal(
          REFUSED_BY_CLUSTER,
          "the cluster refused it for good (" + cause.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Refusal(NOT_ACKNOWLEDGED, "interrupted while waiting for the cluster" + again);
    }
  }

  private void count(String source, String outcome, String reason, int amount) {
    if (amount == 0) {
      return;
    }
    counters
        .computeIfAbsent(
            List.of(source, outcome, reason),
            k ->
                Counter.builder("salespulse.ingest.records")
                    .description("Records sent to SalesPulse's ingest, by source, outcome, reason")
                    .tag("source", source)
                    .tag("outcome", outcome)
                    .tag("reason", reason)
                    .register(registry))
        .increment(amount);
  }

  @Override
  public void close() {
    try {
      producer.close(Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      LOG.warn("Ingest producer did not close cleanly", e);
    }
  }
}
