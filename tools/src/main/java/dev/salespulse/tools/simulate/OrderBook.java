package dev.salespulse.tools.simulate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The orders of this run that can still be cancelled or refunded, and how much of each is left. A
 * cancellation takes only an order nothing was refunded from (it reverses the whole amount); a
 * refund never exceeds what is left. Only the latest {@value #CAPACITY} orders are kept.
 */
final class OrderBook {
  static final int CAPACITY = 2_000;
  private static final int RECENT = 200;
  private static final int ATTEMPTS = 8;

  /** A refund of {@code amount} (at most 2 fraction digits) against {@code order}. */
  record Refund(PlacedOrder order, BigDecimal amount) {}

  private record Open(PlacedOrder order, BigDecimal remaining) {
    boolean untouched() {
      return remaining.compareTo(order.amount()) == 0;
    }
  }

  private final List<Open> open = new ArrayList<>();

  void placed(PlacedOrder order) {
    open.add(new Open(order, order.amount()));
    if (open.size() > CAPACITY) {
      open.remove(0);
    }
  }

  /** A recent untouched order placed at or before {@code at}, now taken off the book. */
  Optional<PlacedOrder> cancel(Instant at, SplittableRandom random) {
    for (int attempt = 0; attempt < ATTEMPTS && !open.isEmpty(); attempt++) {
      int index = recentIndex(random);
      Open candidate = open.get(index);
      if (candidate.untouched() && !candidate.order().placedAt().isAfter(at)) {
        open.remove(index);
        return Optional.of(candidate.order());
      }
    }
    return Optional.empty();
  }

  /** A partial refund of a recent order placed at or before {@code at}: one unit or a share. */
  Optional<Refund> refund(Instant at, SplittableRandom random) {
    for (int attempt = 0; attempt < ATTEMPTS && !open.isEmpty(); attempt++) {
      int index = recentIndex(random);
      Open candidate = open.get(index);
      if (!candidate.order().placedAt().isAfter(at)) {
        BigDecimal amount = refundAmount(candidate, random);
        BigDecimal remaining = candidate.remaining().subtract(amount);
        if (remaining.signum() == 0) {
          open.remove(index);
        } else {
          open.set(index, new Open(candidate.order(), remaining));
        }
        return Optional.of(new Refund(candidate.order(), amount));
      }
    }
    return Optional.empty();
  }

  private int recentIndex(SplittableRandom random) {
    return open.size() - 1 - random.nextInt(Math.min(open.size(), RECENT));
  }

  private static BigDecimal refundAmount(Open open, SplittableRandom random) {
    List<OrderLine> lines = open.order().lines();
    BigDecimal oneUnit = lines.get(random.nextInt(lines.size())).sku().unitPrice();
    if (random.nextBoolean() && oneUnit.compareTo(open.remaining()) <= 0) {
      return oneUnit;
    }
    BigDecimal share = BigDecimal.valueOf(10 + random.nextInt(41), 2);
    BigDecimal amount = open.remaining().multiply(share).setScale(2, RoundingMode.DOWN);
    return amount.signum() > 0 ? amount : open.remaining();
  }
}
