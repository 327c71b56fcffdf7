package dev.salespulse.streams.stores;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A placed order as later corrections need it: whom to attribute them to and how much is left. The
 * rate of the moment the order was placed is kept, so a refund converts at the same rate and a full
 * refund or a cancellation takes back exactly what was counted.
 *
 * @param rate one unit of the order's currency in the reporting currency at placement
 * @param remainingAmount what is left to refund, in the order's own currency
 * @param remainingMinor what is still counted as revenue, in reporting-currency minor units
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
    boolean cancelled) {

  public OpenOrder refunded(BigDecimal amount, long minor) {
    return new OpenOrder(
        repId,
        teamId,
        region,
        channel,
        customerId,
        rate,
        remainingAmount.subtract(amount),
        remainingMinor - minor,
        cancelled);
  }

  public OpenOrder cancel() {
    return new OpenOrder(
        repId, teamId, region, channel, customerId, rate, BigDecimal.ZERO, 0, true);
  }
}
