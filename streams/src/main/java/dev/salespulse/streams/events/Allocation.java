package dev.salespulse.streams.events;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits an amount of minor units over weights (a refund over an order's categories) exactly: each
 * part is its proportional share rounded down, and the units left over go one by one to the parts
 * with the largest remainders (ties by name), so the parts always sum to the amount.
 */
public final class Allocation {
  private Allocation() {}

  public static Map<String, Long> proportional(long amount, Map<String, Long> weights) {
    long total = weights.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Long> parts = new LinkedHashMap<>();
    if (total <= 0 || amount == 0) {
      weights.keySet().forEach(key -> parts.put(key, 0L));
      return parts;
    }
    Map<String, Long> remainders = new LinkedHashMap<>();
    long given = 0;
    for (Map.Entry<String, Long> weight : weights.entrySet()) {
      BigInteger product =
          BigInteger.valueOf(amount).multiply(BigInteger.valueOf(weight.getValue()));
      BigInteger[] division = product.divideAndRemainder(BigInteger.valueOf(total));
      parts.put(weight.getKey(), division[0].longValueExact());
      remainders.put(weight.getKey(), division[1].longValueExact());
      given += division[0].longValueExact();
    }
    List<String> byRemainder =
        remainders.entrySet().stream()
            .sorted(
                Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()))
            .map(Map.Entry::getKey)
            .toList();
    for (int i = 0; given < amount; i++, given++) {
      parts.merge(byRemainder.get(i % byRemainder.size()), 1L, Long::sum);
    }
    return parts;
  }
}
