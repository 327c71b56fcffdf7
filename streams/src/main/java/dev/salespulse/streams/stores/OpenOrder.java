package dev.salespulse.streams.stores;

import dev.salespulse.streams.events.Allocation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A placed order as later corrections need it: whom to attribute them to and how much is left. The
 * rate of the moment the order was placed is kept, so a refund converts at the same rate and a full
 * refund or a cancellation takes back exactly what was counted.
 *
 * @param rate one unit of the order's currency in the reporting currency at placement
 * @param remainingAmount what is left to refund, in the order's own currency
 * @param remainingMinor what is still counted as revenue, in reporting-currency minor units
 * @param categoryMinor what is still counted per category scope (the lines' totals, reduced by
 *     refunds in proportion)
 * @param placedAtMs when the order was counted (the processing clock, not {@code occurredAt}), from
 *     which {@code SALESPULSE_ORDER_RETENTION} runs; {@link #UNKNOWN_PLACEMENT} for an order stored
 *     by a build that did not record it
 */
public record OpenOrder(
    String repId,
    String teamId,
    String region,
    Optional<String> channel,
    Optional<String> customerId,
    BigDecimal rate,
    BigDecimal remainingAmount,
    long remainingMinor,
    boolean cancelled,
    Map<String, Long> categoryMinor,
    long placedAtMs) {

  /** The placement time of an order stored before placement times were recorded. */
  public static final long UNKNOWN_PLACEMENT = Long.MIN_VALUE;

  public OpenOrder {
    categoryMinor = Map.copyOf(categoryMinor);
  }

  public OpenOrder refunded(BigDecimal amount, long minor, Map<String, Long> categoryRefunds) {
    Map<String, Long> left = new HashMap<>(categoryMinor);
    categoryRefunds.forEach((category, refund) -> left.merge(category, -refund, Long::sum));
    return new OpenOrder(
        repId,
        teamId,
        region,
        channel,
        customerId,
        rate,
        remainingAmount.subtract(amount),
        remainingMinor - minor,
        cancelled,
        left,
        placedAtMs);
  }

  /**
   * What a partial refund of {@code refundMinor} takes off each category: the same fraction of what
   * the categories still count as of the order's remaining revenue, split exactly by {@link
   * Allocation}.
   */
  public Map<String, Long> categoryShare(long refundMinor) {
    long categoriesLeft = categoryMinor.values().stream().mapToLong(Long::longValue).sum();
    if (categoriesLeft <= 0 || remainingMinor <= 0) {
      return Allocation.proportional(0, categoryMinor);
    }
    long share =
        new BigDecimal(BigInteger.valueOf(categoriesLeft).multiply(BigInteger.valueOf(refundMinor)))
            .divide(BigDecimal.valueOf(remainingMinor), 0, RoundingMode.HALF_EVEN)
            .longValueExact();
    return Allocation.proportional(Math.min(share, categoriesLeft), categoryMinor);
  }

  public OpenOrder cancel() {
    return new OpenOrder(
        repId,
        teamId,
        region,
        channel,
        customerId,
        rate,
        BigDecimal.ZERO,
        0,
        true,
        Map.of(),
        placedAtMs);
  }
}
