package dev.salespulse.tools.simulate;

import dev.salespulse.web.ingest.EventSink;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's sales floor: on {@link #start} it sends the roster, today's targets and the history
 * still missing (see {@link Backfill#range}) through the ingest path, then, from one daemon thread,
 * each event of the day's {@link DaySchedule} as its instant comes. What has been sent is recorded
 * in the data directory ({@link DemoState}) after the backfill, every minute and on close.
 *
 * <p>A batch the sink fails to take is tried again on the next tick (the events' ids are fixed, so
 * a batch taken twice counts once); errors are logged at most every 10 s.
 */
public final class DemoFloor implements AutoCloseable {
  static final String THREAD_NAME = "salespulse-demo-floor";
  private static final Logger LOG = LoggerFactory.getLogger(DemoFloor.class);
  private static final long TICK_MILLIS = 250;
  private static final long SAVE_EVERY_MILLIS = 60_000;
  private static final long LOG_ERRORS_EVERY_MILLIS = 10_000;

  private final EventSink sink;
  private final DaySchedule schedule;
  private final Clock clock;
  private final Path dataDir;
  private final ScheduledExecutorService executor;
  private final AtomicLong sent = new AtomicLong();
  private volatile DemoState state;
  private volatile Instant sentUntil;
  private LocalDate day;
  private List<SimulatedRecord> dayEvents = List.of();
  private int next;
  private long savedAt;
  private long errorLoggedAt = -LOG_ERRORS_EVERY_MILLIS;

  private DemoFloor(
      EventSink sink, DaySchedule schedule, Clock clock, Path dataDir, DemoState state) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.schedule = schedule;
    this.clock = clock;
    this.dataDir = dataDir;
    this.state = state;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, THREAD_NAME);
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Sends the roster, the targets and the missing history of a floor of {@code reps} reps in {@code
   * zone}, then starts sending it live.
   */
  public static DemoFloor start(
      EventSink sink,
      int reps,
      ZoneId zone,
      Path dataDir,
      Clock clock,
      Backfill.Progress progress) {
    DemoState state = DemoState.load(dataDir);
    state
        .zone()
        .filter(previous -> !previous.equals(zone))
        .ifPresent(
            previous ->
                LOG.warn(
                    "The demo's history was simulated in {}; it goes on in {}", previous, zone));
    DaySchedule schedule =
        new DaySchedule(
            SalesFloor.generate(reps, SalesFloor.STANDARD_SEED), zone, DaySchedule.DEMO_SEED);
    Instant now = clock.instant();
    Backfill.reference(sink, schedule);
    Instant until = now;
    boolean fresh = state.backfilledUntil().isEmpty();
    long backfilled =
        Backfill.range(state.backfilledUntil(), now, zone)
            .map(range -> Backfill.events(sink, schedule, range, fresh, progress))
            .orElse(0L);
    state = state.withZone(zone).withBackfilledUntil(until);
    state.save(dataDir);
    DemoFloor floor = new DemoFloor(sink, schedule, clock, dataDir, state);
    floor.sentUntil = until;
    floor.load(LocalDate.ofInstant(until, zone));
    floor.savedAt = System.currentTimeMillis();
    LOG.info(
        "Demo floor of {} reps live in {} ({} history events sent at start)",
        reps,
        zone,
        backfilled);
    floor.executor.scheduleWithFixedDelay(floor::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    return floor;
  }

  /** Events sent live so far (the backfill not included). */
  public long sent() {
    return sent.get();
  }

  /** Stops the thread and records how far it got. Idempotent; does not close the sink. */
  @Override
  public void close() {
    if (executor.isShutdown()) {
      return;
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    save();
    LOG.info("Demo floor stopped: {} events sent live", sent.get());
  }

  private void load(LocalDate date) {
    day = date;
    dayEvents = schedule.day(date);
    next = 0;
    while (next < dayEvents.size() && dayEvents.get(next).occurredAt().isBefore(sentUntil)) {
      next++;
    }
  }

  private void tick() {
    try {
      Instant now = clock.instant();
      if (!now.isAfter(sentUntil)) {
        return;
      }
      LocalDate today = LocalDate.ofInstant(now, schedule.zone());
      while (day.isBefore(today)) {
        send(dayEvents.size(), day.plusDays(1).atStartOfDay(schedule.zone()).toInstant());
        load(day.plusDays(1));
      }
      int due = next;
      while (due < dayEvents.size() && dayEvents.get(due).occurredAt().isBefore(now)) {
        due++;
      }
      send(due, now);
      if (System.currentTimeMillis() - savedAt >= SAVE_EVERY_MILLIS) {
        save();
      }
    } catch (RuntimeException e) {
      long nowMillis = System.currentTimeMillis();
      if (nowMillis - errorLoggedAt >= LOG_ERRORS_EVERY_MILLIS) {
        errorLoggedAt = nowMillis;
        LOG.warn("Demo floor could not send its events; trying again", e);
      }
    }
  }

  /** Sends the day's events up to index {@code until} (exclusive), then marks {@code upTo} sent. */
  private void send(int until, Instant upTo) {
    if (until > next) {
      List<String> json = new ArrayList<>(until - next);
      dayEvents.subList(next, until).forEach(event -> json.add(event.json()));
      Backfill.check("events", sink.events(Backfill.bytes(json)));
      sent.addAndGet(until - next);
      next = until;
    }
    sentUntil = upTo;
  }

  private synchronized void save() {
    Instant until = sentUntil;
    if (until == null) {
      return;
    }
    state = state.withBackfilledUntil(until);
    try {
      state.save(dataDir);
      savedAt = System.currentTimeMillis();
    } catch (RuntimeException e) {
      LOG.warn("Could not record the demo's progress in {}", dataDir, e);
    }
  }
}
