package dev.salespulse.tools.simulate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Generates the events of a {@link SalesFloor}, deterministically: the same floor, zone, seed and
 * sequence of calls give the same records. Pure, no Kafka, not thread-safe.
 *
 * <p>The {@link BusinessRhythm} decides the mix: in business hours mostly calls, emails, meetings
 * and orders of every channel; at night and on weekends mostly web-shop orders, emails and web
 * leads. Cancellations and refunds reference orders this generator placed earlier, at or before
 * their own time; when there is none yet, an order is placed instead.
 *
 * <p>Event ids are {@code sim-<seed>-<n>} and order ids {@code o-<seed>-<n>}, so two runs with
 * different seeds never collide, while a rerun with the same seed repeats (and is deduplicated).
 */
public final class EventGenerator {
  private static final WeightedChoice<EventKind> BUSINESS_MIX =
      WeightedChoice.<EventKind>builder()
          .add(EventKind.CALL, 40)
          .add(EventKind.EMAIL, 16)
          .add(EventKind.MEETING, 6)
          .add(EventKind.DEMO, 4)
          .add(EventKind.LEAD_CREATED, 7)
          .add(EventKind.DEAL, 5)
          .add(EventKind.ORDER_PLACED, 20)
          .add(EventKind.ORDER_CANCELLED, 0.6)
          .add(EventKind.ORDER_REFUNDED, 0.8)
          .build();
  private static final WeightedChoice<EventKind> AFTER_HOURS_MIX =
      WeightedChoice.<EventKind>builder()
          .add(EventKind.ORDER_PLACED, 45)
          .add(EventKind.EMAIL, 30)
          .add(EventKind.LEAD_CREATED, 20)
          .add(EventKind.CALL, 3)
          .add(EventKind.ORDER_CANCELLED, 1)
          .add(EventKind.ORDER_REFUNDED, 1)
          .build();

  private final SalesFloor floor;
  private final BusinessRhythm rhythm;
  private final SplittableRandom random;
  private final String seedTag;
  private final OrderFactory orders;
  private final ActivityFactory activities;
  private final OrderBook book = new OrderBook();
  private long eventCount;
  private long orderCount;

  public EventGenerator(SalesFloor floor, ZoneId zone, long seed) {
    this.floor = Objects.requireNonNull(floor, "floor");
    this.rhythm = new BusinessRhythm(Objects.requireNonNull(zone, "zone"));
    this.random = new SplittableRandom(seed);
    this.seedTag = Long.toUnsignedString(seed);
    this.orders = new OrderFactory(floor, random);
    this.activities = new ActivityFactory(floor, random);
  }

  /** One {@code sales.reps} entry per rep of the floor, keyed by repId. */
  public List<SimulatedRecord> roster() {
    return floor.reps().stream().map(EventGenerator::rosterEntry).toList();
  }

  /** The next event, happening at {@code now} (truncated to milliseconds). */
  public SimulatedRecord next(Instant now) {
    Instant at = now.truncatedTo(ChronoUnit.MILLIS);
    boolean businessHours = random.nextDouble() < rhythm.intensity(at);
    EventKind kind = (businessHours ? BUSINESS_MIX : AFTER_HOURS_MIX).pick(random);
    return switch (kind) {
      case ORDER_PLACED -> place(at, !businessHours);
      case ORDER_CANCELLED -> cancel(at).orElseGet(() -> place(at, !businessHours));
      case ORDER_REFUNDED -> refund(at).orElseGet(() -> place(at, !businessHours));
      default -> activity(activities.create(kind), at);
    };
  }

  /**
   * About {@code count} events (exactly {@code count}) over the local day {@code date} of this
   * generator's zone, in time order, spread along the business-day rhythm.
   */
  public List<SimulatedRecord> day(LocalDate date, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, was " + count);
    }
    List<SimulatedRecord> records = new ArrayList<>(count);
    for (Instant at : rhythm.spread(date, count, random)) {
      records.add(next(at));
    }
    return records;
  }

  private static SimulatedRecord rosterEntry(Rep rep) {
    return new SimulatedRecord(SimulatedRecord.REPS, rep.repId(), EventJson.rosterEntry(rep), null);
  }

  private SimulatedRecord place(Instant at, boolean afterHours) {
    PlacedOrder order = orders.place("o-" + seedTag + "-" + ++orderCount, at, afterHours);
    book.placed(order);
    return order(order, EventJson.placed(nextEventId(), order), at);
  }

  private Optional<SimulatedRecord> cancel(Instant at) {
    return book.cancel(at, random)
        .map(order -> order(order, EventJson.cancelled(nextEventId(), at, order), at));
  }

  private Optional<SimulatedRecord> refund(Instant at) {
    return book.refund(at, random)
        .map(
            refund -> {
              String json = EventJson.refunded(nextEventId(), at, refund.order(), refund.amount());
              return order(refund.order(), json, at);
            });
  }

  private static SimulatedRecord order(PlacedOrder order, String json, Instant at) {
    return new SimulatedRecord(SimulatedRecord.ORDERS, order.orderId(), json, at);
  }

  private SimulatedRecord activity(Activity activity, Instant at) {
    String json = EventJson.activity(nextEventId(), at, activity);
    return new SimulatedRecord(SimulatedRecord.ACTIVITIES, activity.repId(), json, at);
  }

  private String nextEventId() {
    return "sim-" + seedTag + "-" + ++eventCount;
  }
}
