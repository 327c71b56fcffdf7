package dev.salespulse.streams.topology;

import dev.salespulse.streams.config.ReportingConfig;
import dev.salespulse.streams.events.EventParser;
import dev.salespulse.streams.events.InvalidEventException;
import dev.salespulse.streams.events.LargeDeal;
import dev.salespulse.streams.events.Money;
import dev.salespulse.streams.events.OrderEvent;
import dev.salespulse.streams.events.OrderLine;
import dev.salespulse.streams.events.RejectReason;
import dev.salespulse.streams.events.RosterEntry;
import dev.salespulse.streams.stores.CustomerOrderValue;
import dev.salespulse.streams.stores.DaySums;
import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.stores.OpenOrder;
import dev.salespulse.streams.stores.Retention;
import dev.salespulse.streams.stores.Scope;
import dev.salespulse.streams.stores.ScopeKind;
import dev.salespulse.streams.stores.StoreNames;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts {@code sales.orders}: a placed order adds its converted amount and one order; a
 * cancellation takes back what is left of the order and the order itself; a refund takes back its
 * amount (converted at the order's own rate). Corrections are attributed to the original order's
 * rep, team, region and channel, and counted at their own {@code occurredAt}.
 *
 * <p>Orders are keyed by orderId, so an order and its corrections reach the same task and its
 * {@link StoreNames#ORDERS} partition. A placed order is kept {@code SALESPULSE_ORDER_RETENTION}
 * ({@link OrderExpiry}); a correction after that is an {@code unknown-order}. An event that would
 * take the task's sums of its business day past the limit that keeps every sum exact is rejected as
 * {@code overflow} ({@link OrderDayLimit}), before any of it counts.
 */
final class OrderProcessor extends IngestProcessor<OrderEvent> {
  private static final Duration DAY_SUMS_CLEANUP_INTERVAL = Duration.ofHours(1);
  private final ReportingConfig config;
  private final long largeDealMinor;
  private final long dayCap;
  private KeyValueStore<String, OpenOrder> orders;
  private OrderExpiry expiry;
  private ReportingRates rates;
  private ProcessorContext<String, Routed> context;
  private OrderDayLimit dayLimit;

  /**
   * @param dayCap the most each money and unit sum of one business day may reach in this task
   *     ({@link dev.salespulse.streams.stores.SumLimits#perTaskDay})
   * @param trickleEvents see {@link IngestProcessor}
   */
  OrderProcessor(
      ReportingConfig config,
      TopologyMetrics metrics,
      Placement placement,
      long dayCap,
      int trickleEvents) {
    super(
        StoreNames.ORDER_DEDUP,
        StoreNames.ORDER_COMMIT_MARKER,
        config.dedupRetention(),
        config.timezone(),
        metrics,
        placement,
        trickleEvents);
    this.config = config;
    this.dayCap = dayCap;
    this.largeDealMinor =
        config
            .feedLargeDeal()
            .movePointRight(config.currencyDigits())
            .setScale(0, RoundingMode.CEILING)
            .longValueExact();
  }

  @Override
  public void init(ProcessorContext<String, Routed> context) {
    super.init(context);
    this.context = context;
    orders = context.getStateStore(StoreNames.ORDERS);
    expiry =
        new OrderExpiry(
            orders, context.getStateStore(StoreNames.ORDER_PAGES), config.orderRetention());
    context.schedule(OrderExpiry.EXPIRY_INTERVAL, PunctuationType.WALL_CLOCK_TIME, expiry::expire);
    rates = new ReportingRates(config.currency(), context.getStateStore(StoreNames.FX_RATES));
    dayLimit =
        new OrderDayLimit(
            context.getStateStore(StoreNames.ORDER_DAY_SUMS), dayCap, config.currencyDigits());
    context.schedule(
        DAY_SUMS_CLEANUP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::forgetExpiredDays);
  }

  /**
   * The day sums of days no event can count in any more (a week after the day retention, so that a
   * clock set back cannot let events reach a day whose sums were forgotten).
   */
  private void forgetExpiredDays(long now) {
    long cutoff = retentionReference(now) - Retention.DAYS.toMillis();
    dayLimit.forgetBefore(day(cutoff).minusWeeks(1));
  }

  private LocalDate day(long epochMs) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(epochMs), config.timezone());
  }

  private LocalDate day(OrderEvent event) {
    return LocalDate.ofInstant(event.occurredAt(), config.timezone());
  }

  private static long sum(Map<String, Long> categoryMinor) {
    long sum = 0;
    for (long minor : categoryMinor.values()) {
      sum = Math.addExact(sum, minor);
    }
    return sum;
  }

  @Override
  OrderEvent parse(byte[] value, Instant now) throws InvalidEventException {
    return EventParser.order(value, now);
  }

  @Override
  String eventId(OrderEvent event) {
    return event.eventId();
  }

  @Override
  String routingKey(OrderEvent event) {
    return event.orderId();
  }

  @Override
  Instant occurredAt(OrderEvent event) {
    return event.occurredAt();
  }

  @Override
  List<Contribution> count(OrderEvent event) throws InvalidEventException {
    if (event instanceof OrderEvent.Placed placed) {
      return placed(placed);
    }
    if (event instanceof OrderEvent.Refunded refund) {
      return refunded(refund);
    }
    return cancelled((OrderEvent.Cancelled) event);
  }

  @Override
  void writeOpenPages() {
    expiry.writeOpenPage();
  }

  private List<Contribution> placed(OrderEvent.Placed event) throws InvalidEventException {
    long now = context.currentSystemTimeMs();
    OpenOrder earlier = orders.get(event.orderId());
    if (earlier != null && !expiry.expired(earlier, now)) {
      throw new InvalidEventException(
          RejectReason.DUPLICATE_ORDER,
          "order " + event.orderId() + " was already placed by another event");
    }
    BigDecimal rate = rates.of(event.currency());
    BigDecimal amount = event.amount();
    long minor = Money.toMinor(amount, rate, config.currencyDigits());
    Map<String, Long> categoryMinor = new TreeMap<>();
    Map<String, Long> categoryUnits = new TreeMap<>();
    long units = 0;
    for (OrderLine line : event.lines()) {
      units = Math.addExact(units, line.quantity());
      if (line.category().isPresent()) {
        String category = line.category().get();
        categoryMinor.merge(
            category, Money.toMinor(line.total(), rate, config.currencyDigits()), Math::addExact);
        categoryUnits.merge(category, line.quantity(), Math::addExact);
      }
    }
    for (Map.Entry<String, Long> category : categoryMinor.entrySet()) {
      if (category.getValue() > Money.MAX_MINOR) {
        throw new InvalidEventException(
            RejectReason.AMOUNT_TOO_LARGE,
            "the lines of category '" + category.getKey() + "' are too large to count exactly");
      }
    }
    dayLimit.admit(day(event), new DaySums(minor, 0, sum(categoryMinor), 0, units));
    RosterEntry who = attribution(event.repId(), event.teamId(), event.region());
    OpenOrder order =
        new OpenOrder(
            who.repId(),
            who.teamId(),
            who.region(),
            event.channel(),
            event.customerId(),
            rate,
            amount,
            minor,
            false,
            categoryMinor,
            now);
    orders.put(event.orderId(), order);
    expiry.placed(event.orderId(), now);
    long at = event.occurredAt().toEpochMilli();
    List<Contribution> deltas = fanOut(KpiTotals.placedOrder(minor, units, at), order);
    categoryMinor.forEach(
        (category, categoryAmount) ->
            deltas.add(
                category(
                    category,
                    KpiTotals.placedOrder(categoryAmount, categoryUnits.get(category), at))));
    return deltas;
  }

  private List<Contribution> cancelled(OrderEvent.Cancelled event) throws InvalidEventException {
    OpenOrder order = open(event);
    dayLimit.admit(
        day(event), new DaySums(0, order.remainingMinor(), 0, sum(order.categoryMinor()), 0));
    orders.put(event.orderId(), order.cancel());
    long at = event.occurredAt().toEpochMilli();
    List<Contribution> deltas = fanOut(KpiTotals.cancelledOrder(order.remainingMinor(), at), order);
    order
        .categoryMinor()
        .forEach(
            (category, left) -> deltas.add(category(category, KpiTotals.cancelledOrder(left, at))));
    return deltas;
  }

  private List<Contribution> refunded(OrderEvent.Refunded event) throws InvalidEventException {
    OpenOrder order = open(event);
    BigDecimal amount = event.amount();
    if (amount.compareTo(order.remainingAmount()) > 0) {
      throw new InvalidEventException(
          RejectReason.REFUND_EXCEEDS_ORDER,
          "refund of "
              + amount.toPlainString()
              + " is more than the "
              + order.remainingAmount().toPlainString()
              + " left on order "
              + event.orderId());
    }
    boolean full = amount.compareTo(order.remainingAmount()) == 0;
    long minor =
        full
            ? order.remainingMinor()
            : Math.min(
                order.remainingMinor(),
                Money.toMinor(amount, order.rate(), config.currencyDigits()));
    Map<String, Long> categoryRefunds = full ? order.categoryMinor() : order.categoryShare(minor);
    dayLimit.admit(day(event), new DaySums(0, minor, 0, sum(categoryRefunds), 0));
    orders.put(event.orderId(), order.refunded(amount, minor, categoryRefunds));
    long at = event.occurredAt().toEpochMilli();
    List<Contribution> deltas = fanOut(KpiTotals.refund(minor, at), order);
    categoryRefunds.forEach(
        (category, refund) -> deltas.add(category(category, KpiTotals.refund(refund, at))));
    return deltas;
  }

  private static Contribution category(String category, KpiTotals delta) {
    return new Contribution(List.of(Scope.of(ScopeKind.CATEGORY, category)), delta);
  }

  /**
   * A placed order of a known customer goes on to the customer stores, with its scopes; a large one
   * goes to {@code sales.feed} too.
   */
  @Override
  void counted(OrderEvent event, List<Contribution> deltas) {
    if (!(event instanceof OrderEvent.Placed placed)) {
      return;
    }
    feedIfLarge(placed, deltas);
    if (placed.customerId().isPresent()) {
      long at = placed.occurredAt().toEpochMilli();
      List<String> scopes =
          deltas.stream()
              .flatMap(c -> c.scopes().stream())
              .map(Scope::toString)
              .distinct()
              .toList();
      forward(
          placed.customerId().get(), new Routed.CustomerOrder(new CustomerOrderValue(at, scopes)));
    }
  }

  private void feedIfLarge(OrderEvent.Placed event, List<Contribution> deltas) {
    long minor = 0;
    for (Contribution delta : deltas) {
      if (delta.scopes().contains(Scope.COMPANY)) {
        minor = delta.totals().grossMinor();
      }
    }
    if (minor < largeDealMinor) {
      return;
    }
    OpenOrder order = orders.get(event.orderId());
    RosterEntry who =
        attribution(order.repId(), Optional.of(order.teamId()), Optional.of(order.region()));
    LargeDeal deal =
        new LargeDeal(
            event.orderId(),
            event.eventId(),
            event.occurredAt(),
            who.repId(),
            who.name(),
            who.teamId(),
            who.region(),
            order.channel(),
            Money.fromMinor(minor, config.currencyDigits()),
            config.currency(),
            event.amount(),
            event.currency());
    forward(event.orderId(), new Routed.FeedItem(deal.toJson()));
  }

  private OpenOrder open(OrderEvent event) throws InvalidEventException {
    OpenOrder order = orders.get(event.orderId());
    // An expired order may still be stored until the next clean-up: it is gone all the same.
    if (order == null || expiry.expired(order, context.currentSystemTimeMs())) {
      throw new InvalidEventException(
          RejectReason.UNKNOWN_ORDER,
          "no placed order "
              + event.orderId()
              + " is kept: never seen, or placed more than "
              + config.orderRetention()
              + " ago (SALESPULSE_ORDER_RETENTION)");
    }
    if (order.cancelled()) {
      throw new InvalidEventException(
          RejectReason.ORDER_CANCELLED, "order " + event.orderId() + " is already cancelled");
    }
    return order;
  }

  private static List<Contribution> fanOut(KpiTotals delta, OpenOrder order) {
    List<Contribution> contributions = new ArrayList<>();
    contributions.add(
        ScopeFanOut.of(delta, order.repId(), order.teamId(), order.region(), order.channel()));
    return contributions;
  }
}
