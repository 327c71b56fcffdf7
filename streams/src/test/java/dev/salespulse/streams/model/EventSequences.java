package dev.salespulse.streams.model;

import dev.salespulse.streams.testing.Rep;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Random sales-floor sequences, each a pure function of a seed: 10–80 events over 1–3 consecutive
 * local days in one time zone (some across a daylight-saving change or a year's end, some within
 * seconds of a local midnight), sent in a mostly time-ordered but perturbed arrival order, with
 * duplicates resent later under the same key.
 *
 * <ul>
 *   <li>3–6 reps, all on the roster but the last (team and region {@code unassigned}); a roster
 *       change may arrive mid-sequence; a few events name their own team or region.
 *   <li>Placed orders with 0–3 lines (a few without a category), quantities 1–5, unit prices with
 *       at most 2 decimals (some multiples of 0.50, where half-even ties under the rates below are
 *       frequent); the amount is the exact sum of the lines most of the time; optional channel and
 *       customer; USD mostly, EUR (rate published first, sometimes changed mid-sequence), a few GBP
 *       with no rate ({@code unknown-currency}); a few re-placements of an orderId under another
 *       eventId ({@code duplicate-order}).
 *   <li>Cancellations and partial, full, zero and excessive refunds of earlier orders, some after a
 *       cancellation, some of orders never placed; some stamped before the order itself.
 *   <li>Activities of every type; calls CONNECTED or not; a few non-calls with outcome CONNECTED.
 * </ul>
 *
 * The wall clock is after every event and at most 3 days after the last one, so nothing is {@code
 * future-event} nor {@code too-late}; sequences span up to 3 days, so minute retention (48 h) does
 * drop minute buckets of early events that arrive after later ones.
 */
final class EventSequences {
  static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "America/New_York");

  /** First days: a plain Thursday, daylight-saving weekends of both zones, a year's end. */
  private static final List<LocalDate> FIRST_DAYS =
      List.of(
          LocalDate.parse("2026-11-26"),
          LocalDate.parse("2026-03-06"),
          LocalDate.parse("2026-03-28"),
          LocalDate.parse("2026-10-24"),
          LocalDate.parse("2026-10-31"),
          LocalDate.parse("2026-12-30"));

  private static final List<String> CATEGORIES =
      List.of("hardware", "software", "services", "support");
  private static final List<String> CHANNELS = List.of("phone", "web", "partner");
  private static final List<String> TEAMS = List.of("team-north", "team-south", "team-east");
  private static final List<String> REGIONS = List.of("EMEA", "AMER", "APAC");

  /** Rates with 3–4 decimals: amount × rate often ends in an exact half cent. */
  private static final List<String> EUR_RATES = List.of("1.0837", "1.125", "1.085", "0.9215");

  private static final List<String> ACTIVITY_TYPES =
      List.of("CALL", "EMAIL", "MEETING", "DEMO", "LEAD_CREATED", "DEAL_WON", "DEAL_LOST");

  private EventSequences() {}

  static EventSequence generate(long seed) {
    return new Generator(seed).sequence();
  }

  /** An order as the generator remembers it, to aim corrections at it. */
  private static final class Planned {
    final String orderId;
    final Instant at;
    BigDecimal left;
    boolean cancelled;

    Planned(String orderId, Instant at, BigDecimal amount) {
      this.orderId = orderId;
      this.at = at;
      this.left = amount;
    }
  }

  private static final class Generator {
    private final long seed;
    private final Random random;
    private final ZoneId zone;
    private final LocalDate firstDay;
    private final int days;
    private final Instant from;
    private final Instant to;
    private final List<Rep> listed = new ArrayList<>();
    private final List<String> repIds = new ArrayList<>();
    private final List<Planned> orders = new ArrayList<>();
    private int ids;

    Generator(long seed) {
      this.seed = seed;
      this.random = new Random(seed);
      this.zone = ZoneId.of(pick(ZONES));
      this.firstDay = pick(FIRST_DAYS);
      this.days = 1 + random.nextInt(3);
      this.from = firstDay.atStartOfDay(zone).toInstant();
      this.to = firstDay.plusDays(days).atStartOfDay(zone).toInstant();
    }

    EventSequence sequence() {
      int reps = 3 + random.nextInt(4);
      for (int i = 1; i < reps; i++) {
        Rep rep = new Rep("rep-" + i, "Rep " + i, pick(TEAMS), pick(REGIONS));
        listed.add(rep);
        repIds.add(rep.id());
      }
      repIds.add("rep-unlisted");

      int total = 10 + random.nextInt(71);
      List<Input.Event> events = new ArrayList<>();
      List<Input.Event> resent = new ArrayList<>();
      while (events.size() + resent.size() < total) {
        Input.Event event = nextEvent();
        events.add(event);
        if (events.size() + resent.size() < total && chance(0.12)) {
          resent.add(event);
        }
      }

      List<Input> arrival = new ArrayList<>(arrivalOrder(events));
      for (Input.Event event : resent) {
        int first = arrival.indexOf(event);
        int at = chance(0.3) ? first + 1 : first + 1 + random.nextInt(arrival.size() - first);
        arrival.add(at, event);
      }

      List<Input> inputs = new ArrayList<>();
      listed.forEach(rep -> inputs.add(new Input.RosterEntry(rep)));
      inputs.add(new Input.FxRate("EUR", pick(EUR_RATES)));
      if (chance(0.25)) {
        arrival.add(random.nextInt(arrival.size() + 1), new Input.FxRate("EUR", pick(EUR_RATES)));
      }
      if (chance(0.2)) {
        Rep moved = pick(listed);
        Rep after = new Rep(moved.id(), moved.name(), pick(TEAMS), pick(REGIONS));
        arrival.add(random.nextInt(arrival.size() + 1), new Input.RosterEntry(after));
      }
      inputs.addAll(arrival);

      Instant newest = events.stream().map(Input.Event::at).max(Instant::compareTo).orElseThrow();
      Instant wallClock =
          newest.plusSeconds(1 + random.nextInt((int) Duration.ofDays(3).toSeconds()));
      return new EventSequence(seed, zone.getId(), wallClock, inputs);
    }

    /** Time order, then perturbed: a few neighbours swapped, some moved by hours, or shuffled. */
    private List<Input.Event> arrivalOrder(List<Input.Event> events) {
      List<Input.Event> arrival = new ArrayList<>(events);
      arrival.sort((a, b) -> a.at().compareTo(b.at()));
      if (chance(0.15)) {
        Collections.shuffle(arrival, random);
        return arrival;
      }
      int moves = random.nextInt(1 + arrival.size() / 4);
      for (int i = 0; i < moves; i++) {
        Input.Event moved = arrival.remove(random.nextInt(arrival.size()));
        arrival.add(random.nextInt(arrival.size() + 1), moved);
      }
      int swaps = random.nextInt(1 + arrival.size() / 4);
      for (int i = 0; i < swaps && arrival.size() > 1; i++) {
        int at = random.nextInt(arrival.size() - 1);
        Collections.swap(arrival, at, at + 1);
      }
      return arrival;
    }

    private Input.Event nextEvent() {
      double kind = random.nextDouble();
      if (orders.isEmpty() || kind < 0.35) {
        return placed(nextOrderId());
      }
      if (kind < 0.37) {
        return placed(pick(orders).orderId);
      }
      if (kind < 0.52) {
        return refund(chance(0.06) ? unknownOrder() : pick(orders));
      }
      if (kind < 0.60) {
        return cancellation(chance(0.1) ? unknownOrder() : pick(orders));
      }
      return activity();
    }

    private Input.Placed placed(String orderId) {
      Instant at = time(from);
      List<Input.Line> lines = new ArrayList<>();
      int count = random.nextInt(4);
      BigDecimal linesTotal = BigDecimal.ZERO;
      for (int i = 0; i < count; i++) {
        int quantity = 1 + random.nextInt(5);
        BigDecimal unitPrice = money(chance(0.3) ? 50L * random.nextInt(400) : price());
        Optional<String> category = chance(0.9) ? Optional.of(pick(CATEGORIES)) : Optional.empty();
        lines.add(new Input.Line("SKU-" + random.nextInt(20), category, quantity, text(unitPrice)));
        linesTotal = linesTotal.add(unitPrice.multiply(BigDecimal.valueOf(quantity)));
      }
      BigDecimal amount;
      if (!lines.isEmpty() && chance(0.8)) {
        amount = linesTotal;
      } else if (!lines.isEmpty() && chance(0.5)) {
        amount = linesTotal.add(money(random.nextInt(2001) - 1000L)).max(BigDecimal.ZERO);
      } else {
        amount = money(chance(0.3) ? 50L * random.nextInt(400) : price());
      }
      double currency = random.nextDouble();
      Planned planned = new Planned(orderId, at, amount);
      if (orders.stream().noneMatch(o -> o.orderId.equals(orderId))) {
        orders.add(planned);
      }
      return new Input.Placed(
          nextEventId(),
          orderId,
          at,
          written(at),
          pick(repIds),
          maybe(0.05, TEAMS),
          maybe(0.05, REGIONS),
          chance(0.8) ? Optional.of("c-" + random.nextInt(8)) : Optional.empty(),
          maybe(0.75, CHANNELS),
          currency < 0.7 ? "USD" : currency < 0.95 ? "EUR" : "GBP",
          text(amount),
          chance(0.1),
          lines);
    }

    private Input.Refunded refund(Planned order) {
      BigDecimal amount;
      double kind = random.nextDouble();
      if (kind < 0.25) {
        amount = order.left;
      } else if (kind < 0.35) {
        amount = order.left.add(money(1 + random.nextInt(500)));
      } else if (kind < 0.38) {
        amount = BigDecimal.ZERO.setScale(2);
      } else {
        long leftMinor = order.left.movePointRight(2).longValueExact();
        amount = money(leftMinor <= 1 ? leftMinor : 1 + (long) (random.nextDouble() * leftMinor));
      }
      if (!order.cancelled && amount.compareTo(order.left) <= 0) {
        order.left = order.left.subtract(amount);
      }
      Instant at = correctionTime(order);
      return new Input.Refunded(nextEventId(), order.orderId, at, written(at), text(amount));
    }

    private Input.Cancelled cancellation(Planned order) {
      order.cancelled = true;
      Instant at = correctionTime(order);
      return new Input.Cancelled(nextEventId(), order.orderId, at, written(at));
    }

    private Planned unknownOrder() {
      return new Planned("o-never-" + (++ids), from, money(1 + random.nextInt(10_000)));
    }

    private Input.Activity activity() {
      String type = pick(ACTIVITY_TYPES);
      Optional<String> outcome;
      if (type.equals("CALL")) {
        double kind = random.nextDouble();
        outcome =
            kind < 0.5
                ? Optional.of("CONNECTED")
                : kind < 0.8 ? Optional.of("NO_ANSWER") : Optional.empty();
      } else {
        outcome = chance(0.05) ? Optional.of("CONNECTED") : Optional.empty();
      }
      Optional<String> dealValue =
          type.startsWith("DEAL_") && chance(0.5)
              ? Optional.of(text(money(price())))
              : Optional.empty();
      Instant at = time(from);
      return new Input.Activity(
          "a-" + (++ids),
          type,
          at,
          written(at),
          pick(repIds),
          maybe(0.05, TEAMS),
          maybe(0.05, REGIONS),
          outcome,
          dealValue);
    }

    /** After the order mostly; sometimes anywhere in the sequence's days, even before it. */
    private Instant correctionTime(Planned order) {
      return chance(0.1) ? time(from) : time(order.at);
    }

    /** A second in [earliest, to): uniform, or within 90 s of a local midnight 1 time in 5. */
    private Instant time(Instant earliest) {
      long lo = earliest.getEpochSecond();
      long hi = to.getEpochSecond();
      if (chance(0.2)) {
        long midnight =
            firstDay.plusDays(random.nextInt(days + 1)).atStartOfDay(zone).toEpochSecond();
        long near = midnight - 90 + random.nextInt(180);
        if (near >= lo && near < hi) {
          return Instant.ofEpochSecond(near);
        }
      }
      return Instant.ofEpochSecond(lo + (long) (random.nextDouble() * (hi - lo)));
    }

    /** occurredAt as the contract allows it: with Z, or 3 times in 10 with the local offset. */
    private String written(Instant at) {
      return chance(0.3)
          ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(at, zone))
          : at.toString();
    }

    private long price() {
      return chance(0.03) ? 0 : 1 + random.nextInt(chance(0.5) ? 10_000 : 500_000);
    }

    /** Written with 2 decimals mostly, else without trailing zeros ({@code 12.5}, {@code 12}). */
    private String text(BigDecimal amount) {
      return chance(0.8) ? amount.toPlainString() : amount.stripTrailingZeros().toPlainString();
    }

    private String nextOrderId() {
      return "o-" + (++ids);
    }

    private String nextEventId() {
      return "e-" + (++ids);
    }

    private Optional<String> maybe(double probability, List<String> values) {
      return chance(probability) ? Optional.of(pick(values)) : Optional.empty();
    }

    private boolean chance(double probability) {
      return random.nextDouble() < probability;
    }

    private <T> T pick(List<T> values) {
      return values.get(random.nextInt(values.size()));
    }

    private static BigDecimal money(long cents) {
      return BigDecimal.valueOf(cents, 2);
    }
  }
}
