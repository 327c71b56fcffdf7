package dev.salespulse.streams.topology;

import dev.salespulse.streams.stores.CustomerDayKey;
import dev.salespulse.streams.stores.CustomerOrderValue;
import dev.salespulse.streams.stores.Retention;
import dev.salespulse.streams.stores.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps, per customer (records keyed by customerId), the first placed order ever and the business
 * days and scopes in which the customer placed orders. The queries count distinct customers of a
 * scope over a period from the latter, and new customers by looking up the former: a late first
 * order corrects "new" at once. Day entries older than {@link Retention#DAYS} are dropped hourly.
 */
final class CustomerProcessor implements Processor<String, CustomerOrderValue, Void, Void> {
  private static final Duration CLEANUP_INTERVAL = Duration.ofHours(1);
  private static final String PRESENT = "";

  private final ZoneId zone;
  private KeyValueStore<String, Long> firstOrders;
  private KeyValueStore<String, String> customerDays;
  private long newestEventMs = Long.MIN_VALUE;

  CustomerProcessor(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    firstOrders = context.getStateStore(StoreNames.CUSTOMER_FIRST_ORDER);
    customerDays = context.getStateStore(StoreNames.CUSTOMER_DAYS);
    context.schedule(CLEANUP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::dropExpiredDays);
  }

  @Override
  public void process(Record<String, CustomerOrderValue> record) {
    String customer = record.key();
    long at = record.value().occurredAtMs();
    newestEventMs = Math.max(newestEventMs, at);
    Long first = firstOrders.get(customer);
    if (first == null || at < first) {
      firstOrders.put(customer, at);
    }
    LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(at), zone);
    // putIfAbsent: a repeat customer's order leaves the entries as they are, instead of writing
    // them (and their changelog records) again at the next commit.
    for (String scope : record.value().scopes()) {
      customerDays.putIfAbsent(CustomerDayKey.of(day, scope, customer), PRESENT);
    }
  }

  private void dropExpiredDays(long wallClockMs) {
    if (newestEventMs == Long.MIN_VALUE) {
      return;
    }
    long reference = Retention.reference(newestEventMs, wallClockMs);
    LocalDate oldestKept =
        LocalDate.ofInstant(Instant.ofEpochMilli(reference - Retention.DAYS.toMillis()), zone);
    List<String> expired = new ArrayList<>();
    // Explicit bounds: a range with an open (null) bound found nothing in a transactional store.
    try (KeyValueIterator<String, String> old = customerDays.range("", oldestKept + "|")) {
      old.forEachRemaining(entry -> expired.add(entry.key));
    }
    expired.forEach(customerDays::delete);
  }
}
