package dev.salespulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.stores.EventIdPage;
import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.stores.OpenOrderSerde;
import dev.salespulse.streams.stores.StoreNames;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * A task that starts again (on another instance, or revived after an error) starts from its last
 * commit: its buffer holds nothing of an earlier life, as every commit sent the buffer on ({@code
 * CommitHookTest}); what it remembers comes from its restored stores.
 */
class IngestBufferRestartTest {
  private static final Instant AT = OrderIngestFixture.AT;

  private final OrderIngestFixture ingest = new OrderIngestFixture();
  private final MockProcessorContext<String, Routed> context = ingest.context;
  private final KeyValueStore<Long, EventIdPage> idPages = ingest.idPages;
  private final OrderProcessor processor = ingest.processor;

  @Test
  void aSecondInitDropsWhatTheProcessorHeldBefore() {
    processor.init(context);
    processor.process(new Record<>(null, order("e-1", "o-1", "100.00"), AT.toEpochMilli()));

    // As a task revived after an error: its transaction aborted, it recounts from its last commit.
    processor.init(context);
    flush();

    assertThat(context.forwarded()).isEmpty();
  }

  @Test
  void anEventIdCountedBeforeARestartIsStillADuplicateAfterIt() {
    processor.init(context);
    processor.process(new Record<>(null, order("e-1", "o-1", "100.00"), AT.toEpochMilli()));
    flush();
    context.resetForwards();

    processor.init(context);
    processor.process(new Record<>(null, order("e-1", "o-1", "100.00"), AT.toEpochMilli()));
    flush();

    assertThat(context.forwarded()).isEmpty();
  }

  @Test
  void anEventIdTheStoreDoesNotHoldIsForgottenOnInit() {
    processor.init(context);
    processor.process(new Record<>(null, order("e-1", "o-1", "100.00"), AT.toEpochMilli()));
    flush();
    context.resetForwards();
    // As after an aborted transaction: the restored store lacks the page, so must the lookups.
    try (var pages = idPages.all()) {
      pages.forEachRemaining(page -> idPages.delete(page.key));
    }
    ingest.store(StoreNames.ORDERS, Serdes.String(), OpenOrderSerde.serde());

    processor.init(context);
    processor.process(new Record<>(null, order("e-1", "o-1", "100.00"), AT.toEpochMilli()));
    flush();

    assertThat(forwardedTo("company:all").revenueMinor()).isEqualTo(10_000);
  }

  /** A commit of the task: its open pages put, its buffer sent on. */
  private void flush() {
    ingest.commit();
  }

  private KpiTotals forwardedTo(String scope) {
    return ingest.forwardedTo(scope);
  }

  private static byte[] order(String eventId, String orderId, String amount) {
    return OrderIngestFixture.order(eventId, orderId, amount);
  }
}
