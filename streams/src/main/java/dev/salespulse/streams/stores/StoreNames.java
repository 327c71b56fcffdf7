package dev.salespulse.streams.stores;

/**
 * Names of the state stores. They are public API of the topology: web/ queries them by name, and a
 * renamed store silently loses its state (its changelog topic is named after it).
 */
public final class StoreNames {
  /** KPI totals per scope and minute (window store, RocksDB), kept {@code MINUTE_RETENTION}. */
  public static final String KPI_MINUTE = "kpi-minute-store";

  /** KPI totals per scope and business day (key-value store, RocksDB), key {@link DayKey}. */
  public static final String KPI_DAY = "kpi-day-store";

  /**
   * Gross revenue per scope and quarter hour (window store), kept {@link Retention#PROFILE}: the
   * history the expected pace of a day is learned from. Company, region, team and rep scopes only.
   */
  public static final String REVENUE_PROFILE = "revenue-profile-store";

  /** Targets, a global store of the raw JSON of sales.targets by target key. */
  public static final String TARGETS = "targets-store";

  /** The first placed order ever of each customer (epoch millis), by customerId. */
  public static final String CUSTOMER_FIRST_ORDER = "customer-first-order-store";

  /**
   * Which customers placed an order in which scope on which business day ({@link CustomerDayKey}),
   * kept as long as day buckets.
   */
  public static final String CUSTOMER_DAYS = "customer-days-store";

  /**
   * Placed orders still open to cancellation or refund, by orderId, kept {@code
   * SALESPULSE_ORDER_RETENTION}.
   */
  public static final String ORDERS = "orders-store";

  /**
   * The time index of {@link #ORDERS}: pages of orderIds in placement order, keyed by the time the
   * page was opened ({@link OrderPage}), by which orders are expired.
   */
  public static final String ORDER_PAGES = "order-pages-store";

  /**
   * Event ids counted from sales.orders within the dedup retention, as pages of id hashes in
   * arrival order ({@link EventIdPage}). Named for the page layout: the earlier {@code
   * order-event-ids-store} kept one entry per id and is not read any more.
   */
  public static final String ORDER_DEDUP = "order-event-id-pages-store";

  /** Event ids counted from sales.activities, as {@link #ORDER_DEDUP} for orders. */
  public static final String ACTIVITY_DEDUP = "activity-event-id-pages-store";

  /**
   * One marker entry, in a record cache and without a changelog: the order ingest's hook into its
   * task's commits, which send its pending sums on first (see {@code topology/CommitHook}). Earlier
   * builds kept the pending sums themselves in a changelogged {@code order-deltas-store}.
   */
  public static final String ORDER_COMMIT_MARKER = "order-commit-marker-store";

  /** The activity ingest's hook into its task's commits, as {@link #ORDER_COMMIT_MARKER}. */
  public static final String ACTIVITY_COMMIT_MARKER = "activity-commit-marker-store";

  /**
   * The buckets' hook into their task's commits, as {@link #ORDER_COMMIT_MARKER}: changed minute,
   * day and revenue-profile buckets are put into their stores once per commit (see {@code
   * topology/PendingBuckets}).
   */
  public static final String BUCKET_COMMIT_MARKER = "bucket-commit-marker-store";

  /**
   * Per business day, the money and unit sums the task's orders have added ({@link DaySums}): what
   * keeps every KPI sum within a {@code long} (in memory, changelogged, about 410 entries a task).
   */
  public static final String ORDER_DAY_SUMS = "order-day-sums-store";

  /** The roster, a global store of the raw JSON of sales.reps by repId. */
  public static final String REPS = "reps-store";

  /** Currency rates, a global store of the raw JSON of sales.fx-rates by currency. */
  public static final String FX_RATES = "fx-rates-store";

  private StoreNames() {}
}
