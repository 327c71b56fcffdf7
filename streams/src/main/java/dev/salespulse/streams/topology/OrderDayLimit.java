package dev.salespulse.streams.topology;

import dev.salespulse.streams.events.InvalidEventException;
import dev.salespulse.streams.events.Money;
import dev.salespulse.streams.events.RejectReason;
import dev.salespulse.streams.stores.DaySums;
import dev.salespulse.streams.stores.SumLimits;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps every sum the KPIs are built from within a {@code long}. Per order-ingest task and business
 * day it holds the {@link DaySums} that bound every scope's money and units of that day, and turns
 * away the event that would push one of them past {@link SumLimits#perTaskDay} as {@code overflow},
 * before anything of it is counted. Counts of events need no limit: they grow by one an event.
 *
 * <p>The sums live in a small changelogged store (one entry per day with orders, about 410 at
 * most), written with each admitted event, so they are exact across restarts under exactly-once.
 */
final class OrderDayLimit {
  private final KeyValueStore<Long, DaySums> sums;
  private final long cap;
  private final int currencyDigits;

  OrderDayLimit(KeyValueStore<Long, DaySums> sums, long cap, int currencyDigits) {
    this.sums = sums;
    this.cap = cap;
    this.currencyDigits = currencyDigits;
  }

  /**
   * Adds an event's sums to its day.
   *
   * @throws InvalidEventException {@code overflow}, having changed nothing, when a sum of the day
   *     would pass the cap
   */
  void admit(LocalDate day, DaySums event) throws InvalidEventException {
    long key = day.toEpochDay();
    DaySums current = sums.get(key);
    DaySums next = (current == null ? DaySums.EMPTY : current).plusWithin(event, cap);
    if (next == null) {
      throw new InvalidEventException(
          RejectReason.OVERFLOW,
          "counting it would take the sums of "
              + day
              + " past "
              + Money.fromMinor(cap, currencyDigits).toPlainString()
              + " for this partition of sales.orders, the most that keeps every sum exact");
    }
    sums.put(key, next);
  }

  /** Forgets the days before {@code oldestKept}: no event can count in them any more. */
  void forgetBefore(LocalDate oldestKept) {
    List<Long> expired = new ArrayList<>();
    try (KeyValueIterator<Long, DaySums> all = sums.all()) {
      all.forEachRemaining(
          entry -> {
            if (entry.key < oldestKept.toEpochDay()) {
              expired.add(entry.key);
            }
          });
    }
    expired.forEach(sums::delete);
  }
}
