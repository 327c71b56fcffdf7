package dev.salespulse.tools.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.salespulse.web.ingest.EventSink;
import dev.salespulse.web.ingest.IngestResult;
import dev.salespulse.web.ingest.ReferenceKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live floor: after the gap since the last start, it sends each event of the schedule once, in
 * order, as the clock reaches it, and sets the weekend's targets when Friday turns into Saturday.
 */
class DemoFloorTest {
  private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
  private static final Instant FRIDAY_LATE = Instant.parse("2026-12-04T06:00:00Z"); // 17:00 local
  private static final Instant SATURDAY_EARLY = Instant.parse("2026-12-04T13:30:00Z"); // 00:30

  /** A sink that keeps what it is given. */
  private static final class Recording implements EventSink {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final List<List<String>> targets = Collections.synchronizedList(new ArrayList<>());

    @Override
    public IngestResult events(List<byte[]> records) {
      records.forEach(r -> events.add(new String(r, StandardCharsets.UTF_8)));
      return new IngestResult(records.size(), 0, List.of());
    }

    @Override
    public IngestResult reference(ReferenceKind kind, List<byte[]> records) {
      if (kind == ReferenceKind.TARGETS) {
        targets.add(records.stream().map(r -> new String(r, StandardCharsets.UTF_8)).toList());
      }
      return new IngestResult(records.size(), 0, List.of());
    }
  }

  /** A clock the test moves. */
  private static final class MovingClock extends Clock {
    final AtomicReference<Instant> now;

    MovingClock(Instant start) {
      now = new AtomicReference<>(start);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  @Test
  void shouldSendTheGapThenEachEventOnceAsItsTimeComesAndTurnToWeekendTargets(
      @TempDir Path dataDir) {
    Instant lastStop = FRIDAY_LATE.minus(Duration.ofMinutes(30));
    DemoState.empty().withZone(SYDNEY).withBackfilledUntil(lastStop).save(dataDir);
    Recording sink = new Recording();
    MovingClock clock = new MovingClock(FRIDAY_LATE);
    SalesFloor floor = SalesFloor.generate(60, SalesFloor.STANDARD_SEED);
    List<String> expected =
        new DaySchedule(floor, SYDNEY, DaySchedule.DEMO_SEED)
            .between(lastStop, SATURDAY_EARLY).stream().map(SimulatedRecord::json).toList();

    try (DemoFloor demo = DemoFloor.start(sink, 60, SYDNEY, dataDir, clock, (sent, total) -> {})) {
      clock.now.set(SATURDAY_EARLY);
      await().atMost(Duration.ofSeconds(20)).until(() -> sink.events.size() >= expected.size());
    }

    assertThat(sink.events).isEqualTo(expected);
    assertThat(expected).hasSize(571);
    assertThat(sink.targets).containsExactly(List.copyOf(DemoTargets.all(floor).values()));
    assertThat(DemoState.load(dataDir))
        .isEqualTo(new DemoState(Optional.of(SYDNEY), Optional.of(SATURDAY_EARLY)));
  }
}
