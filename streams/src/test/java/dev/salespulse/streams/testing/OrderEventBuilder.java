package dev.salespulse.streams.testing;

/**
 * Order events of {@code sales.orders} as the contract writes them. {@code anOrder()} is a valid
 * ORDER_PLACED of 100.00 USD by ADA; every field can be changed, removed or broken.
 */
public final class OrderEventBuilder extends EventBuilder<OrderEventBuilder> {
  private String orderId;

  private OrderEventBuilder(String type, String orderId) {
    super(type);
    orderId(orderId);
  }

  public static OrderEventBuilder anOrder() {
    return new OrderEventBuilder("ORDER_PLACED", "o-" + SEQUENCE.incrementAndGet())
        .rep(Reps.ADA)
        .customer("c-9")
        .currency("USD")
        .amount("100.00");
  }

  /** A cancellation; it names no rep, amount or currency: they come from the order. */
  public static OrderEventBuilder aCancellationOf(String orderId) {
    return new OrderEventBuilder("ORDER_CANCELLED", orderId);
  }

  public static OrderEventBuilder aRefundOf(String orderId, String amount) {
    return new OrderEventBuilder("ORDER_REFUNDED", orderId).amount(amount);
  }

  @Override
  OrderEventBuilder self() {
    return this;
  }

  @Override
  public String key() {
    return orderId;
  }

  public String orderId() {
    return orderId;
  }

  public OrderEventBuilder orderId(String orderId) {
    this.orderId = orderId;
    json.text("orderId", orderId);
    return this;
  }

  public OrderEventBuilder type(String type) {
    json.text("type", type);
    return this;
  }

  public OrderEventBuilder rep(Rep rep) {
    return repId(rep.id());
  }

  public OrderEventBuilder repId(String repId) {
    json.text("repId", repId);
    return this;
  }

  public OrderEventBuilder channel(String channel) {
    json.text("channel", channel);
    return this;
  }

  public OrderEventBuilder currency(String currency) {
    json.text("currency", currency);
    return this;
  }

  /** The amount as a JSON number written exactly as given, e.g. {@code 1250.50}. */
  public OrderEventBuilder amount(String amount) {
    json.raw("amount", amount);
    return this;
  }

  /** The amount as a JSON string, e.g. {@code "1250.50"}, which the contract also accepts. */
  public OrderEventBuilder amountAsText(String amount) {
    json.text("amount", amount);
    return this;
  }
}
