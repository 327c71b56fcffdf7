package dev.salespulse.streams.stores;

import java.util.ArrayList;
import java.util.List;

/**
 * Up to {@link #CAPACITY} orderIds placed one after the other, opened at {@link #opened()} and
 * spanning at most {@link #SPAN_MS}: the time index by which the orders store is cleaned. A page is
 * expired as a whole once its {@link #newest()} placement is older than the order retention, so an
 * order stays at most one span longer than the retention on disk (queries of it never see it that
 * long: the order itself carries its placement time). A page is mutable while it fills; it is
 * serialized whenever it is put.
 */
public final class OrderPage {
  public static final int CAPACITY = 64;

  /** The longest time between the first and the last order of a page: one hour. */
  public static final long SPAN_MS = 3_600_000L;

  private final long opened;
  private long newest;
  private final List<String> orderIds;

  public OrderPage(long opened) {
    this(opened, opened, new ArrayList<>(CAPACITY));
  }

  OrderPage(long opened, long newest, List<String> orderIds) {
    this.opened = opened;
    this.newest = newest;
    this.orderIds = orderIds;
  }

  public long opened() {
    return opened;
  }

  /** The latest placement time on the page. */
  public long newest() {
    return newest;
  }

  public List<String> orderIds() {
    return List.copyOf(orderIds);
  }

  /** Whether an order placed at {@code placedAt} fits on this page. */
  public boolean accepts(long placedAt) {
    return orderIds.size() < CAPACITY && placedAt >= opened && placedAt - opened <= SPAN_MS;
  }

  public void add(String orderId, long placedAt) {
    if (!accepts(placedAt)) {
      throw new IllegalStateException(
          "page of " + opened + " cannot take an order placed at " + placedAt);
    }
    orderIds.add(orderId);
    newest = Math.max(newest, placedAt);
  }

  int size() {
    return orderIds.size();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OrderPage page
        && page.opened == opened
        && page.newest == newest
        && page.orderIds.equals(orderIds);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(opened) * 31 + orderIds.hashCode();
  }

  @Override
  public String toString() {
    return "OrderPage[opened=" + opened + ", newest=" + newest + ", size=" + size() + "]";
  }
}
