package dev.salespulse.tools.simulate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes plausible orders: 1-3 lines of popular products, most orders between about 100 and 2,000,
 * and now and then a big deal of 10k-80k closed in the field or through a partner (more often by
 * skilled reps). After hours, orders come from the web shop or partners only.
 *
 * <p>Every order is in the reporting currency, USD: the simulator publishes no fx rates.
 */
final class OrderFactory {
  static final String CURRENCY = "USD";

  static final double BIG_DEAL_CHANCE = 0.02;
  private static final double BIG_DEAL_MIN = 12_000;
  private static final double BIG_DEAL_MAX = 75_000;

  private static final WeightedChoice<String> CHANNELS =
      WeightedChoice.<String>builder()
          .add("phone", 35)
          .add("web", 30)
          .add("partner", 15)
          .add("field", 20)
          .build();
  private static final WeightedChoice<String> AFTER_HOURS_CHANNELS =
      WeightedChoice.<String>builder().add("web", 85).add("partner", 15).build();
  private static final WeightedChoice<Integer> LINE_COUNT =
      WeightedChoice.<Integer>builder().add(1, 60).add(2, 30).add(3, 10).build();
  private static final WeightedChoice<Integer> UNITS =
      WeightedChoice.<Integer>builder().add(1, 70).add(2, 20).add(3, 6).add(5, 4).build();
  private static final WeightedChoice<Sku> PRODUCTS =
      WeightedChoice.of(Sku.CATALOGUE, Sku::popularity);
  private static final WeightedChoice<Sku> BIG_TICKET =
      WeightedChoice.of(
          Sku.CATALOGUE.stream()
              .filter(sku -> sku.unitPrice().compareTo(new BigDecimal("899")) >= 0)
              .toList(),
          sku -> 1);
  private static final Sku ONBOARDING =
      Sku.CATALOGUE.stream().filter(sku -> sku.sku().equals("SKU-SV-ONBOARDING")).findFirst().get();

  private final SalesFloor floor;
  private final SplittableRandom random;

  OrderFactory(SalesFloor floor, SplittableRandom random) {
    this.floor = floor;
    this.random = random;
  }

  PlacedOrder place(String orderId, Instant at, boolean afterHours) {
    return place(orderId, at, floor.pickSeller(random), afterHours);
  }

  /** An order of {@code rep}'s: after hours from the web shop or a partner, never a big deal. */
  PlacedOrder place(String orderId, Instant at, Rep rep, boolean afterHours) {
    String customer = floor.pickCustomerOf(rep, random);
    boolean big = !afterHours && random.nextDouble() < BIG_DEAL_CHANCE * rep.skill();
    String channel;
    if (big) {
      channel = random.nextBoolean() ? "field" : "partner";
    } else {
      channel = (afterHours ? AFTER_HOURS_CHANNELS : CHANNELS).pick(random);
    }
    List<OrderLine> lines = big ? bigDeal() : regular();
    return new PlacedOrder(orderId, at, rep.repId(), customer, channel, CURRENCY, lines);
  }

  /** An order of regular lines, for estimating the mean amount (no rep, customer or time). */
  PlacedOrder regularOrder() {
    return new PlacedOrder("sample", Instant.EPOCH, "rep-1", "c-1", "web", CURRENCY, regular());
  }

  /** A big deal's lines as an order, for estimating the mean amount. */
  PlacedOrder bigOrder() {
    return new PlacedOrder("sample", Instant.EPOCH, "rep-1", "c-1", "field", CURRENCY, bigDeal());
  }

  private List<OrderLine> regular() {
    int count = LINE_COUNT.pick(random);
    List<OrderLine> lines = new ArrayList<>(count);
    for (int attempt = 0; attempt < 2 * count && lines.size() < count; attempt++) {
      Sku sku = PRODUCTS.pick(random);
      if (lines.stream().noneMatch(line -> line.sku().equals(sku))) {
        int quantity = sku.perSeat() ? 5 + random.nextInt(46) : UNITS.pick(random);
        lines.add(new OrderLine(sku, quantity));
      }
    }
    return lines;
  }

  private List<OrderLine> bigDeal() {
    double target = Math.exp(random.nextDouble(Math.log(BIG_DEAL_MIN), Math.log(BIG_DEAL_MAX)));
    Sku sku = BIG_TICKET.pick(random);
    int quantity = (int) Math.max(1, Math.round(target / sku.unitPrice().doubleValue()));
    List<OrderLine> lines = new ArrayList<>(List.of(new OrderLine(sku, quantity)));
    if (!sku.equals(ONBOARDING) && random.nextBoolean()) {
      lines.add(new OrderLine(ONBOARDING, 1));
    }
    return lines;
  }
}
