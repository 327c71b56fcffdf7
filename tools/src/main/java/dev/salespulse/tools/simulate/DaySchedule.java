package dev.salespulse.tools.simulate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The demo floor's events, day by day: what a local day of the business zone brings is a pure
 * function of (floor, zone, date, seed), so the backfill and the live simulator send the same
 * events with the same ids, and a resend is dropped by SalesPulse's deduplication.
 *
 * <p>Each rep's day is drawn from {@link FloorModel}'s per-rep rates with a random stream of its
 * own (seeded from the seed, the date and the rep's number): how many calls, emails, leads,
 * meetings, demos, deals and orders, spread over the rep's working hours (start 08:00-09:30, end
 * 17:00-18:30, quieter over lunch). The web shop's orders come around the clock, most in the
 * evening. A placed order is cancelled ({@value FloorModel#CANCEL_SHARE}) 15 minutes to 5 hours
 * later, or partly refunded ({@value FloorModel#REFUND_SHARE}) 2 hours to 3 days later; such a
 * correction belongs to the day it happens on, so a day's events include corrections of orders of
 * up to {@value #CORRECTION_DAYS} days before.
 *
 * <p>Ids are {@code sim-<date>-<n>} for events and {@code o-<date>-<n>} for orders, numbered in
 * time order on the day the order was placed (its corrections after that day's own events). Not
 * thread-safe: it caches the last few days it made.
 */
public final class DaySchedule {
  /** The demo's seed: a fixed one, so a day is the same on every run and every machine. */
  public static final long DEMO_SEED = SalesFloor.STANDARD_SEED;

  static final int CORRECTION_DAYS = 4;
  private static final int CACHED_DAYS = CORRECTION_DAYS + 2;

  /** A working rep's activity at each full hour, interpolated in between. */
  private static final double[] REP_HOURS = {
    0, 0, 0, 0, 0, 0, 0, 0.1, 0.6, 0.95, 1.0, 1.0, //
    0.5, 0.7, 0.95, 1.0, 0.9, 0.6, 0.2, 0.05, 0, 0, 0, 0
  };

  /** The web shop's orders at each full hour. */
  private static final double[] WEB_HOURS = {
    0.3, 0.2, 0.15, 0.1, 0.1, 0.15, 0.3, 0.5, 0.7, 0.8, 0.9, 0.9, //
    1.0, 0.9, 0.8, 0.8, 0.8, 0.9, 1.0, 1.1, 1.2, 1.1, 0.8, 0.5
  };

  private final SalesFloor floor;
  private final ZoneId zone;
  private final long seed;
  private final Map<LocalDate, Origin> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LocalDate, Origin> eldest) {
          return size() > CACHED_DAYS;
        }
      };

  /** What one day of placing makes: its own events, and the corrections of its orders. */
  private record Origin(List<SimulatedRecord> own, List<SimulatedRecord> corrections) {}

  /** Something that happens before it has an id: an activity or an order. */
  private record Item(Instant at, Activity activity, PlacedOrder order) {}

  public DaySchedule(SalesFloor floor, ZoneId zone, long seed) {
    this.floor = Objects.requireNonNull(floor, "floor");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.seed = seed;
  }

  public ZoneId zone() {
    return zone;
  }

  public SalesFloor floor() {
    return floor;
  }

  /** One {@code sales.reps} entry per rep, keyed by repId. */
  public List<SimulatedRecord> roster() {
    return floor.reps().stream()
        .map(
            rep ->
                new SimulatedRecord(
                    SimulatedRecord.REPS, rep.repId(), EventJson.rosterEntry(rep), null))
        .toList();
  }

  /** The events occurring on the local day {@code date}, in time order. */
  public List<SimulatedRecord> day(LocalDate date) {
    Instant start = date.atStartOfDay(zone).toInstant();
    Instant end = date.plusDays(1).atStartOfDay(zone).toInstant();
    List<SimulatedRecord> events = new ArrayList<>(origin(date).own());
    for (int back = CORRECTION_DAYS; back >= 0; back--) {
      for (SimulatedRecord correction : origin(date.minusDays(back)).corrections()) {
        if (!correction.occurredAt().isBefore(start) && correction.occurredAt().isBefore(end)) {
          events.add(correction);
        }
      }
    }
    events.sort(Comparator.comparing(SimulatedRecord::occurredAt));
    return events;
  }

  /** The events occurring in {@code [from, to)}, in time order. */
  public List<SimulatedRecord> between(Instant from, Instant to) {
    List<SimulatedRecord> events = new ArrayList<>();
    if (!from.isBefore(to)) {
      return events;
    }
    LocalDate last = LocalDate.ofInstant(to, zone);
    for (LocalDate date = LocalDate.ofInstant(from, zone);
        !date.isAfter(last);
        date = date.plusDays(1)) {
      for (SimulatedRecord event : day(date)) {
        if (!event.occurredAt().isBefore(from) && event.occurredAt().isBefore(to)) {
          events.add(event);
        }
      }
    }
    return events;
  }

  static boolean weekend(LocalDate date) {
    return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  private Origin origin(LocalDate date) {
    Origin origin = cache.get(date);
    if (origin == null) {
      origin = make(date);
      cache.put(date, origin);
    }
    return origin;
  }

  private Origin make(LocalDate date) {
    Instant start = date.atStartOfDay(zone).toInstant();
    int minutes =
        (int) Duration.between(start, date.plusDays(1).atStartOfDay(zone).toInstant()).toMinutes();
    double[] hourOfDay = new double[minutes];
    for (int m = 0; m < minutes; m++) {
      ZonedDateTime local = start.plusSeconds(m * 60L + 30).atZone(zone);
      hourOfDay[m] = local.getHour() + (local.getMinute() + 0.5) / 60.0;
    }
    boolean weekend = weekend(date);
    long day = date.toEpochDay();

    List<Item> items = new ArrayList<>();
    for (int i = 0; i < floor.reps().size(); i++) {
      repDay(floor.reps().get(i), new SplittableRandom(mix(day, i + 1)), weekend, start, hourOfDay)
          .forEach(items::add);
    }
    webShop(new SplittableRandom(mix(day, 0)), weekend, start, hourOfDay).forEach(items::add);
    items.sort(Comparator.comparing(Item::at));

    String tag = date.toString();
    List<SimulatedRecord> own = new ArrayList<>(items.size());
    List<PlacedOrder> placed = new ArrayList<>();
    int n = 0;
    for (Item item : items) {
      String eventId = "sim-" + tag + "-" + ++n;
      if (item.activity() != null) {
        own.add(
            new SimulatedRecord(
                SimulatedRecord.ACTIVITIES,
                item.activity().repId(),
                EventJson.activity(eventId, item.at(), item.activity()),
                item.at()));
      } else {
        PlacedOrder order = renamed(item.order(), "o-" + tag + "-" + (placed.size() + 1));
        placed.add(order);
        own.add(orderRecord(order, EventJson.placed(eventId, order), item.at()));
      }
    }
    List<SimulatedRecord> corrections = new ArrayList<>();
    for (int o = 0; o < placed.size(); o++) {
      PlacedOrder order = placed.get(o);
      SplittableRandom random = new SplittableRandom(mix(day, 1_000_000L + o));
      double u = random.nextDouble();
      if (u < FloorModel.CANCEL_SHARE) {
        Instant at = order.placedAt().plus(Duration.ofMinutes(15 + random.nextInt(286)));
        String json = EventJson.cancelled("sim-" + tag + "-" + ++n, at, order);
        corrections.add(orderRecord(order, json, at));
      } else if (u < FloorModel.CANCEL_SHARE + FloorModel.REFUND_SHARE) {
        Instant at = order.placedAt().plus(Duration.ofMinutes(120 + random.nextInt(4201)));
        BigDecimal share = BigDecimal.valueOf(10 + random.nextInt(41), 2);
        BigDecimal amount = order.amount().multiply(share).setScale(2, RoundingMode.DOWN);
        if (amount.signum() == 0) {
          amount = order.amount();
        }
        String json = EventJson.refunded("sim-" + tag + "-" + ++n, at, order, amount);
        corrections.add(orderRecord(order, json, at));
      }
    }
    return new Origin(List.copyOf(own), List.copyOf(corrections));
  }

  private List<Item> repDay(
      Rep rep, SplittableRandom random, boolean weekend, Instant start, double[] hourOfDay) {
    List<Item> items = new ArrayList<>();
    double work = 1;
    if (weekend) {
      if (random.nextDouble() >= FloorModel.WEEKEND_WORKING) {
        return items;
      }
      work = FloorModel.WEEKEND_WORKLOAD;
    }
    double from = 8 + random.nextInt(7) * 0.25;
    double until = 17 + random.nextInt(7) * 0.25;
    double[] cumulative = new double[hourOfDay.length];
    double total = 0;
    for (int m = 0; m < hourOfDay.length; m++) {
      double h = hourOfDay[m];
      total += h >= from && h < until ? curve(REP_HOURS, h) : 0;
      cumulative[m] = total;
    }
    if (total == 0) {
      return items;
    }
    double factor = FloorModel.dayFactor(random) * work;
    double load = FloorModel.workload(rep) * factor;
    double close = FloorModel.closing(rep) * factor;
    ActivityFactory activities = new ActivityFactory(floor, random);
    OrderFactory orders = new OrderFactory(floor, random);
    for (EventKind kind : ACTIVITY_KINDS) {
      addActivities(
          items, kind, perDay(kind) * load, rep, activities, random, start, cumulative, total);
    }
    int won = FloorModel.poisson(FloorModel.DEALS_WON * close, random);
    int lost = FloorModel.poisson(FloorModel.DEALS_LOST * load, random);
    for (int d = 0; d < won + lost; d++) {
      Activity deal = activities.deal(rep, d < won);
      items.add(new Item(at(random, start, cumulative, total), deal, null));
    }
    int placed = FloorModel.poisson(FloorModel.ORDERS * close, random);
    for (int o = 0; o < placed; o++) {
      Instant at = at(random, start, cumulative, total);
      items.add(new Item(at, null, orders.place("pending", at, rep, false)));
    }
    return items;
  }

  /** The activities a rep's day is drawn with, in the order they are drawn (it fixes the ids). */
  private static final List<EventKind> ACTIVITY_KINDS =
      List.of(
          EventKind.CALL,
          EventKind.EMAIL,
          EventKind.LEAD_CREATED,
          EventKind.MEETING,
          EventKind.DEMO);

  /** A median rep's activities of {@code kind} on a full weekday. */
  private static double perDay(EventKind kind) {
    return switch (kind) {
      case CALL -> FloorModel.CALLS;
      case EMAIL -> FloorModel.EMAILS;
      case LEAD_CREATED -> FloorModel.LEADS;
      case MEETING -> FloorModel.MEETINGS;
      case DEMO -> FloorModel.DEMOS;
      default -> throw new IllegalArgumentException("not a plain activity: " + kind);
    };
  }

  private void addActivities(
      List<Item> items,
      EventKind kind,
      double mean,
      Rep rep,
      ActivityFactory activities,
      SplittableRandom random,
      Instant start,
      double[] cumulative,
      double total) {
    int count = FloorModel.poisson(mean, random);
    for (int i = 0; i < count; i++) {
      items.add(new Item(at(random, start, cumulative, total), activities.create(kind, rep), null));
    }
  }

  private List<Item> webShop(
      SplittableRandom random, boolean weekend, Instant start, double[] hourOfDay) {
    double[] cumulative = new double[hourOfDay.length];
    double total = 0;
    for (int m = 0; m < hourOfDay.length; m++) {
      total += curve(WEB_HOURS, hourOfDay[m]);
      cumulative[m] = total;
    }
    OrderFactory orders = new OrderFactory(floor, random);
    int count = FloorModel.poisson(FloorModel.webOrders(floor.reps().size(), weekend), random);
    List<Item> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Instant at = at(random, start, cumulative, total);
      items.add(new Item(at, null, orders.place("pending", at, floor.pickSeller(random), true)));
    }
    return items;
  }

  private static Instant at(
      SplittableRandom random, Instant start, double[] cumulative, double total) {
    int minute = WeightedChoice.firstAbove(cumulative, random.nextDouble() * total);
    return start.plusMillis(minute * 60_000L + random.nextInt(60_000));
  }

  private static double curve(double[] hours, double hourOfDay) {
    int hour = (int) hourOfDay;
    double fraction = hourOfDay - hour;
    return hours[hour] + (hours[(hour + 1) % 24] - hours[hour]) * fraction;
  }

  private static PlacedOrder renamed(PlacedOrder order, String orderId) {
    return new PlacedOrder(
        orderId,
        order.placedAt(),
        order.repId(),
        order.customerId(),
        order.channel(),
        order.currency(),
        order.lines());
  }

  private static SimulatedRecord orderRecord(PlacedOrder order, String json, Instant at) {
    return new SimulatedRecord(SimulatedRecord.ORDERS, order.orderId(), json, at);
  }

  private long mix(long day, long stream) {
    return seed * 0x9E3779B97F4A7C15L + day * 0xBF58476D1CE4E5B9L + stream * 0x94D049BB133111EBL;
  }
}
