package dev.salespulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.stores.EventIdPage;
import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.stores.OpenOrderSerde;
import dev.salespulse.streams.stores.Scope;
import dev.salespulse.streams.stores.ScopeKind;
import dev.salespulse.streams.stores.StoreNames;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * A task that starts again (on another instance, or revived after an error) finds the sums its
 * predecessor had not sent on yet in the restored buffer store, and sends them with its own.
 */
class IngestBufferRestartTest {
  private static final Instant AT = OrderIngestFixture.AT;
  private static final long MINUTE = Instant.parse("2026-11-26T14:03:00Z").toEpochMilli();
  private static final List<Scope> SCOPES =
      List.of(
          Scope.COMPANY,
          Scope.of(ScopeKind.REGION, "unassigned"),
          Scope.of(ScopeKind.TEAM, "unassigned"),
          Scope.of(ScopeKind.REP, "rep-1"),
          Scope.of(ScopeKind.CHANNEL, "web"));

  private final OrderIngestFixture ingest = new OrderIngestFixture();
  private final MockProcessorContext<String, Routed> context = ingest.context;
  private final KeyValueStore<String, KpiTotals> buffer = ingest.buffer;
  private final KeyValueStore<Long, EventIdPage> idPages = ingest.idPages;
  private final OrderProcessor processor = ingest.processor;

  @Test
  void sendsTheSumsPendingAtTheRestartTogetherWithTheNewEvents() {
    buffer.put(
        PendingKey.encode(MINUTE, SCOPES), KpiTotals.placedOrder(10_000, 1, AT.toEpochMilli()));

    processor.init(context);
    processor.process(new Record<>(null, order("e-2", "o-2", "25.00"), AT.toEpochMilli()));
    flush();

    KpiTotals company = forwardedTo("company:all");
    assertThat(company.revenueMinor()).isEqualTo(12_500);
    assertThat(company.orders()).isEqualTo(2);
    assertThat(forwardedTo("rep:rep-1").revenueMinor()).isEqualTo(12_500);
    assertThat(buffer.approximateNumEntries()).isZero();
  }

  @Test
  void aSecondInitStartsFromTheStoreNotFromWhatTheProcessorHeldBefore() {
    processor.init(context);
    processor.process(new Record<>(null, order("e-1", "o-1", "100.00"), AT.toEpochMilli()));
    buffer.delete(PendingKey.encode(MINUTE, SCOPES)); // as a changelog without the update reads

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

  private void flush() {
    ingest.flush();
  }

  private KpiTotals forwardedTo(String scope) {
    return ingest.forwardedTo(scope);
  }

  private static byte[] order(String eventId, String orderId, String amount) {
    return OrderIngestFixture.order(eventId, orderId, amount);
  }
}
