package dev.salespulse.tools.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/** An immutable list of items drawn with probability proportional to each item's weight. */
final class WeightedChoice<T> {
  private final List<T> items;
  private final double[] cumulative;

  private WeightedChoice(List<T> items, double[] weights) {
    if (items.isEmpty()) {
      throw new IllegalArgumentException("nothing to choose from");
    }
    this.items = List.copyOf(items);
    this.cumulative = new double[weights.length];
    double total = 0;
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0)) {
        throw new IllegalArgumentException("negative weight for " + items.get(i));
      }
      total += weights[i];
      cumulative[i] = total;
    }
    if (total <= 0) {
      throw new IllegalArgumentException("all weights are zero");
    }
  }

  static <T> WeightedChoice<T> of(List<T> items, ToDoubleFunction<T> weight) {
    return new WeightedChoice<>(items, items.stream().mapToDouble(weight).toArray());
  }

  /** For a few literal items: {@code builder().add("a", 3).add("b", 1).build()}. */
  static <T> Builder<T> builder() {
    return new Builder<>();
  }

  T pick(SplittableRandom random) {
    double u = random.nextDouble() * cumulative[cumulative.length - 1];
    return items.get(firstAbove(cumulative, u));
  }

  /** The first index whose cumulative weight exceeds {@code u}, so zero-weight items never win. */
  static int firstAbove(double[] cumulative, double u) {
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (cumulative[mid] > u) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }

  static final class Builder<T> {
    private final List<T> items = new ArrayList<>();
    private final List<Double> weights = new ArrayList<>();

    Builder<T> add(T item, double weight) {
      items.add(item);
      weights.add(weight);
      return this;
    }

    WeightedChoice<T> build() {
      return new WeightedChoice<>(
          items, weights.stream().mapToDouble(Double::doubleValue).toArray());
    }
  }
}
