package dev.salespulse.streams.query;

/**
 * A read query whose cost ({@link QueryCost}) is above the configured limit: the asker's to change,
 * so a 400 whose message names the cost, the limit and what to ask for instead.
 */
public final class QueryTooCostlyException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long cost;
  private final long limit;

  QueryTooCostlyException(long cost, long limit, String message) {
    super(message);
    this.cost = cost;
    this.limit = limit;
  }

  public long cost() {
    return cost;
  }

  public long limit() {
    return limit;
  }
}
