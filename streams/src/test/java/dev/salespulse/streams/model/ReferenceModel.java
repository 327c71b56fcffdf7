package dev.salespulse.streams.model;

import dev.salespulse.streams.stores.KpiTotals;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the contract (and the "as built" departures of {@code docs/DESIGN.md}) say the KPI buckets
 * and dead letters should be after a sequence, computed the plain way: inputs one by one in arrival
 * order, money as {@link BigDecimal}, state in maps. It shares no arithmetic with the topology;
 * {@link KpiTotals} is only the shape the result is compared in.
 *
 * <p>The rules, in order of application to an event:
 *
 * <ol>
 *   <li>An eventId already counted on the same topic is dropped silently; a rejected event is not
 *       remembered, so its resend is judged again.
 *   <li>ORDER_PLACED: an orderId already placed is {@code duplicate-order}; a currency other than
 *       USD without a published rate is {@code unknown-currency}; else amount × the latest rate,
 *       rounded half-even to cents, counts once in company, region, team (the event's own, else the
 *       roster's at that moment, else {@code unassigned}), rep and channel; each category gets the
 *       sum of its lines' {@code quantity × unitPrice × rate}, each line rounded half-even, one
 *       placed order and its lines' units. Units of the order are all its lines' quantities.
 *   <li>ORDER_CANCELLED / ORDER_REFUNDED: an order never placed is {@code unknown-order}, a
 *       cancelled one {@code order-cancelled}, a refund above what is left (in the order's
 *       currency) {@code refund-exceeds-order}. They count at their own time in the scopes of the
 *       order's placement. A cancellation takes back what every scope still counts for the order
 *       and one order. A refund of exactly what is left does the same without the order; a smaller
 *       one takes back amount × the order's own rate, rounded half-even, never more than is still
 *       counted; the categories then give back the same share of what they still count (rounded
 *       half-even to a cent, never more than they count), split over them by largest remainder,
 *       ties to the smaller category name.
 *   <li>Activities count in company, region, team and rep; CONNECTED counts only on a CALL.
 *   <li>Every counted event updates its business day's bucket ({@code SALESPULSE_TIMEZONE}) and its
 *       minute bucket, the latter only when the minute starts after (newest event time counted so
 *       far, this one included, but not after the wall clock) − 48 h. A bucket's lastEventMs is the
 *       newest occurredAt counted in it.
 * </ol>
 */
final class ReferenceModel {
  static final String REPORTING_CURRENCY = "USD";
  static final Duration MINUTE_RETENTION = Duration.ofHours(48);
  private static final String UNASSIGNED = "unassigned";
  private static final int CENTS = 2;
  private static final BigDecimal HALF = new BigDecimal("0.5");

  private final ZoneId zone;
  private final Instant wallClock;
  private final Map<String, Input.RosterEntry> roster = new HashMap<>();
  private final Map<String, BigDecimal> rates = new HashMap<>();
  private final Set<String> countedOrderEvents = new HashSet<>();
  private final Set<String> countedActivities = new HashSet<>();
  private final Map<String, Order> orders = new HashMap<>();
  private final Map<String, Counts> days = new TreeMap<>();
  private final Map<String, Counts> minutes = new TreeMap<>();
  private final List<String> deadLetters = new ArrayList<>();
  private final Set<String> features = new LinkedHashSet<>();
  private Instant newest;

  private ReferenceModel(ZoneId zone, Instant wallClock) {
    this.zone = zone;
    this.wallClock = wallClock;
  }

  /** The buckets and dead letters the topology must produce for {@code sequence}. */
  static Outcome expected(EventSequence sequence) {
    return run(sequence).outcome();
  }

  /** Which rules a sequence exercised (for the property's coverage statistics). */
  static Set<String> features(EventSequence sequence) {
    return run(sequence).features;
  }

  private static ReferenceModel run(EventSequence sequence) {
    ReferenceModel model = new ReferenceModel(ZoneId.of(sequence.timezone()), sequence.wallClock());
    sequence.inputs().forEach(model::accept);
    return model;
  }

  private void accept(Input input) {
    if (input instanceof Input.RosterEntry entry) {
      roster.put(entry.rep().id(), entry);
    } else if (input instanceof Input.FxRate rate) {
      rates.put(rate.currency(), new BigDecimal(rate.perUnitInReporting()));
    } else if (input instanceof Input.Activity activity) {
      if (!countedActivities.add(activity.eventId())) {
        features.add("duplicate dropped");
        return;
      }
      activity(activity);
    } else if (input instanceof Input.Event event) {
      if (countedOrderEvents.contains(event.eventId())) {
        features.add("duplicate dropped");
        return;
      }
      Optional<String> rejection = order(event);
      if (rejection.isPresent()) {
        deadLetters.add(event.key() + " " + rejection.get());
        features.add(rejection.get());
      } else {
        countedOrderEvents.add(event.eventId());
      }
    }
  }

  // ---- orders ----

  private Optional<String> order(Input.Event event) {
    if (event instanceof Input.Placed placed) {
      return placed(placed);
    }
    Order order = orders.get(event.key());
    if (order == null) {
      return Optional.of("unknown-order");
    }
    if (order.cancelled) {
      return Optional.of("order-cancelled");
    }
    if (event instanceof Input.Cancelled cancelled) {
      cancel(order, cancelled.at());
      return Optional.empty();
    }
    Input.Refunded refund = (Input.Refunded) event;
    BigDecimal amount = new BigDecimal(refund.amount());
    if (amount.compareTo(order.amountLeft) > 0) {
      return Optional.of("refund-exceeds-order");
    }
    refund(order, amount, refund.at());
    return Optional.empty();
  }

  private Optional<String> placed(Input.Placed event) {
    if (orders.containsKey(event.orderId())) {
      return Optional.of("duplicate-order");
    }
    BigDecimal rate =
        event.currency().equals(REPORTING_CURRENCY) ? BigDecimal.ONE : rates.get(event.currency());
    if (rate == null) {
      return Optional.of("unknown-currency");
    }
    if (rate.compareTo(BigDecimal.ONE) != 0) {
      features.add("converted order");
    }
    BigDecimal amount = new BigDecimal(event.amount());
    Order order = new Order();
    order.scopes = scopes(event.repId(), event.teamId(), event.region(), event.channel());
    order.rate = rate;
    order.amountLeft = amount;
    order.countedLeft = convert(amount, rate);
    long units = 0;
    Map<String, Long> categoryUnits = new TreeMap<>();
    for (Input.Line line : event.lines()) {
      units += line.quantity();
      if (line.category().isPresent()) {
        String category = line.category().get();
        BigDecimal lineTotal =
            convert(
                new BigDecimal(line.unitPrice()).multiply(BigDecimal.valueOf(line.quantity())),
                rate);
        order.categoryLeft.merge(category, lineTotal, BigDecimal::add);
        categoryUnits.merge(category, (long) line.quantity(), Long::sum);
      }
    }
    orders.put(event.orderId(), order);

    List<Change> changes = new ArrayList<>();
    for (String scope : order.scopes) {
      changes.add(new Change(scope, Counts.placed(order.countedLeft, units)));
    }
    order.categoryLeft.forEach(
        (category, total) ->
            changes.add(
                new Change(
                    "category:" + category, Counts.placed(total, categoryUnits.get(category)))));
    count(event.at(), changes);
    return Optional.empty();
  }

  private void cancel(Order order, Instant at) {
    List<Change> changes = new ArrayList<>();
    for (String scope : order.scopes) {
      changes.add(new Change(scope, Counts.cancelled(order.countedLeft)));
    }
    order.categoryLeft.forEach(
        (category, left) ->
            changes.add(new Change("category:" + category, Counts.cancelled(left))));
    order.cancelled = true;
    order.amountLeft = BigDecimal.ZERO;
    order.countedLeft = BigDecimal.ZERO;
    order.categoryLeft.replaceAll((category, left) -> BigDecimal.ZERO.setScale(CENTS));
    count(at, changes);
    features.add("cancellation");
  }

  private void refund(Order order, BigDecimal amount, Instant at) {
    boolean full = amount.compareTo(order.amountLeft) == 0;
    BigDecimal back;
    Map<String, BigDecimal> categoriesBack;
    if (full) {
      back = order.countedLeft;
      categoriesBack = new TreeMap<>(order.categoryLeft);
      features.add("full refund");
    } else {
      back = convert(amount, order.rate).min(order.countedLeft);
      categoriesBack = categoryShare(order, back);
      features.add(
          order.categoryLeft.isEmpty() ? "partial refund" : "partial refund of categories");
    }
    List<Change> changes = new ArrayList<>();
    for (String scope : order.scopes) {
      changes.add(new Change(scope, Counts.refunded(back)));
    }
    categoriesBack.forEach(
        (category, part) -> changes.add(new Change("category:" + category, Counts.refunded(part))));
    order.amountLeft = order.amountLeft.subtract(amount);
    order.countedLeft = order.countedLeft.subtract(back);
    categoriesBack.forEach(
        (category, part) -> order.categoryLeft.merge(category, part.negate(), BigDecimal::add));
    count(at, changes);
  }

  /**
   * What each category gives back of a partial refund of {@code back}: the categories together give
   * back the share {@code back / countedLeft} of what they still count, rounded half-even to a
   * cent; it is split in proportion to what each still counts, each part rounded down to a cent and
   * the cents left over going one each to the largest remainders (ties: category name).
   */
  private static Map<String, BigDecimal> categoryShare(Order order, BigDecimal back) {
    Map<String, BigDecimal> parts = new TreeMap<>();
    order
        .categoryLeft
        .keySet()
        .forEach(category -> parts.put(category, BigDecimal.ZERO.setScale(CENTS)));
    BigDecimal categoriesLeft =
        order.categoryLeft.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    if (categoriesLeft.signum() <= 0 || order.countedLeft.signum() <= 0) {
      return parts;
    }
    BigDecimal share =
        categoriesLeft
            .multiply(back)
            .divide(order.countedLeft, CENTS, RoundingMode.HALF_EVEN)
            .min(categoriesLeft);
    BigInteger shareCents = cents(share);
    BigInteger totalCents = cents(categoriesLeft);
    Map<String, BigInteger> remainders = new TreeMap<>();
    BigInteger given = BigInteger.ZERO;
    for (Map.Entry<String, BigDecimal> category : order.categoryLeft.entrySet()) {
      BigInteger[] quotient =
          shareCents.multiply(cents(category.getValue())).divideAndRemainder(totalCents);
      parts.put(category.getKey(), new BigDecimal(quotient[0], CENTS));
      remainders.put(category.getKey(), quotient[1]);
      given = given.add(quotient[0]);
    }
    List<String> byRemainder = new ArrayList<>(remainders.keySet());
    // TreeMap order is by name; a stable sort by remainder keeps names ascending within a tie.
    byRemainder.sort((a, b) -> remainders.get(b).compareTo(remainders.get(a)));
    for (String category : byRemainder) {
      if (given.compareTo(shareCents) >= 0) {
        break;
      }
      parts.merge(category, new BigDecimal(BigInteger.ONE, CENTS), BigDecimal::add);
      given = given.add(BigInteger.ONE);
    }
    if (given.compareTo(shareCents) != 0) {
      throw new IllegalStateException(
          "largest remainders left " + shareCents.subtract(given) + " cents");
    }
    return parts;
  }

  // ---- activities ----

  private void activity(Input.Activity event) {
    Counts counts = new Counts();
    switch (event.type()) {
      case "CALL" -> {
        counts.calls = 1;
        counts.connected = event.outcome().filter("CONNECTED"::equals).isPresent() ? 1 : 0;
      }
      case "EMAIL" -> counts.emails = 1;
      case "MEETING" -> counts.meetings = 1;
      case "DEMO" -> counts.demos = 1;
      case "LEAD_CREATED" -> counts.leads = 1;
      case "DEAL_WON" -> counts.dealsWon = 1;
      case "DEAL_LOST" -> counts.dealsLost = 1;
      default -> throw new IllegalArgumentException("no activity type " + event.type());
    }
    List<Change> changes = new ArrayList<>();
    for (String scope : scopes(event.repId(), event.teamId(), event.region(), Optional.empty())) {
      changes.add(new Change(scope, counts));
    }
    count(event.at(), changes);
  }

  // ---- scopes and buckets ----

  private List<String> scopes(
      String repId, Optional<String> teamId, Optional<String> region, Optional<String> channel) {
    Optional<Input.RosterEntry> entry = Optional.ofNullable(roster.get(repId));
    List<String> scopes = new ArrayList<>();
    scopes.add("company:all");
    scopes.add("region:" + region.or(() -> entry.map(e -> e.rep().region())).orElse(UNASSIGNED));
    scopes.add("team:" + teamId.or(() -> entry.map(e -> e.rep().teamId())).orElse(UNASSIGNED));
    scopes.add("rep:" + repId);
    channel.ifPresent(c -> scopes.add("channel:" + c));
    if (entry.isEmpty() && teamId.isEmpty()) {
      features.add("unassigned team");
    }
    return scopes;
  }

  private void count(Instant at, List<Change> changes) {
    newest = newest == null || at.isAfter(newest) ? at : newest;
    Instant reference = newest.isAfter(wallClock) ? wallClock : newest;
    Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
    boolean minuteKept = minute.isAfter(reference.minus(MINUTE_RETENTION));
    if (!minuteKept) {
      features.add("minute bucket expired");
    }
    LocalDate day = LocalDate.ofInstant(at, zone);
    if (!Duration.between(day.atStartOfDay(zone), day.plusDays(1).atStartOfDay(zone))
        .equals(Duration.ofDays(1))) {
      features.add("daylight-saving day");
    }
    for (Change change : changes) {
      days.computeIfAbsent(day + "|" + change.scope, key -> new Counts()).add(change.counts, at);
      if (minuteKept) {
        minutes
            .computeIfAbsent(minute + "|" + change.scope, key -> new Counts())
            .add(change.counts, at);
      }
    }
  }

  private Outcome outcome() {
    Map<String, KpiTotals> dayTotals = new TreeMap<>();
    days.forEach((key, counts) -> dayTotals.put(key, counts.totals()));
    Map<String, KpiTotals> minuteTotals = new TreeMap<>();
    minutes.forEach((key, counts) -> minuteTotals.put(key, counts.totals()));
    return new Outcome(dayTotals, minuteTotals, deadLetters);
  }

  private BigDecimal convert(BigDecimal amount, BigDecimal rate) {
    BigDecimal exact = amount.multiply(rate);
    if (exact.movePointRight(CENTS).remainder(BigDecimal.ONE).compareTo(HALF) == 0) {
      features.add("half-cent tie");
    }
    return exact.setScale(CENTS, RoundingMode.HALF_EVEN);
  }

  private static BigInteger cents(BigDecimal amount) {
    return amount.setScale(CENTS, RoundingMode.UNNECESSARY).unscaledValue();
  }

  /** A placed order as its corrections need it. */
  private static final class Order {
    List<String> scopes;
    BigDecimal rate;
    BigDecimal amountLeft;
    BigDecimal countedLeft;
    boolean cancelled;
    final Map<String, BigDecimal> categoryLeft = new TreeMap<>();
  }

  private record Change(String scope, Counts counts) {}

  /** The counters of one bucket (or one event's contribution), money in reporting currency. */
  private static final class Counts {
    BigDecimal revenue = BigDecimal.ZERO.setScale(CENTS);
    BigDecimal gross = BigDecimal.ZERO.setScale(CENTS);
    BigDecimal reversed = BigDecimal.ZERO.setScale(CENTS);
    long placed;
    long cancelled;
    long units;
    long calls;
    long connected;
    long emails;
    long meetings;
    long demos;
    long leads;
    long dealsWon;
    long dealsLost;
    Instant last;

    static Counts placed(BigDecimal amount, long units) {
      Counts counts = new Counts();
      counts.revenue = amount;
      counts.gross = amount;
      counts.placed = 1;
      counts.units = units;
      return counts;
    }

    static Counts cancelled(BigDecimal left) {
      Counts counts = new Counts();
      counts.revenue = left.negate();
      counts.reversed = left;
      counts.cancelled = 1;
      return counts;
    }

    static Counts refunded(BigDecimal back) {
      Counts counts = new Counts();
      counts.revenue = back.negate();
      counts.reversed = back;
      return counts;
    }

    void add(Counts other, Instant at) {
      revenue = revenue.add(other.revenue);
      gross = gross.add(other.gross);
      reversed = reversed.add(other.reversed);
      placed += other.placed;
      cancelled += other.cancelled;
      units += other.units;
      calls += other.calls;
      connected += other.connected;
      emails += other.emails;
      meetings += other.meetings;
      demos += other.demos;
      leads += other.leads;
      dealsWon += other.dealsWon;
      dealsLost += other.dealsLost;
      last = last == null || at.isAfter(last) ? at : last;
    }

    KpiTotals totals() {
      return new KpiTotals(
          cents(revenue).longValueExact(),
          cents(gross).longValueExact(),
          cents(reversed).longValueExact(),
          placed,
          cancelled,
          units,
          calls,
          connected,
          emails,
          meetings,
          demos,
          leads,
          dealsWon,
          dealsLost,
          last.toEpochMilli());
    }
  }
}
