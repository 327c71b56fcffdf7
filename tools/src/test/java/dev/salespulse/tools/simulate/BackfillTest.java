package dev.salespulse.tools.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.web.ingest.EventSink;
import dev.salespulse.web.ingest.IngestResult;
import dev.salespulse.web.ingest.ReferenceKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the demo backfills: the whole history once, then only the gap since the last start. */
class BackfillTest {
  private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
  private static final Instant NOW = Instant.parse("2026-12-06T23:12:00Z"); // Mon 10:12 Sydney

  @Test
  void shouldSendThirtyFiveDaysFromLocalMidnightOnAFreshStart() {
    assertThat(Backfill.range(Optional.empty(), NOW, SYDNEY))
        .contains(new Backfill.Range(Instant.parse("2026-11-01T13:00:00Z"), NOW));
  }

  @Test
  void shouldSendOnlyTheGapSinceWhatWasSent() {
    Instant until = Instant.parse("2026-12-06T20:00:00Z");
    assertThat(Backfill.range(Optional.of(until), NOW, SYDNEY))
        .contains(new Backfill.Range(until, NOW));
    assertThat(Backfill.range(Optional.of(NOW), NOW, SYDNEY)).isEmpty();
    assertThat(Backfill.range(Optional.of(NOW.plusSeconds(60)), NOW, SYDNEY)).isEmpty();
  }

  @Test
  void shouldNeverReachBeforeTheHistoryAfterALongPause() {
    assertThat(Backfill.range(Optional.of(Instant.parse("2026-06-01T00:00:00Z")), NOW, SYDNEY))
        .contains(new Backfill.Range(Instant.parse("2026-11-01T13:00:00Z"), NOW));
  }

  @Test
  void shouldSendInBatchesInTimeOrderAndReportProgress() {
    DaySchedule schedule =
        new DaySchedule(SalesFloor.generate(60, SalesFloor.STANDARD_SEED), SYDNEY, 1L);
    List<Integer> batches = new ArrayList<>();
    EventSink sink =
        new EventSink() {
          @Override
          public IngestResult events(List<byte[]> events) {
            batches.add(events.size());
            return new IngestResult(events.size(), 0, List.of());
          }

          @Override
          public IngestResult reference(ReferenceKind kind, List<byte[]> records) {
            return new IngestResult(records.size(), 0, List.of());
          }
        };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Backfill.Range range =
        new Backfill.Range(
            Instant.parse("2026-12-03T13:00:00Z"), Instant.parse("2026-12-05T13:00:00Z"));

    long sent =
        Backfill.events(
            sink,
            schedule,
            range,
            false,
            new ConsoleProgress(new PrintStream(out, true, StandardCharsets.UTF_8), false));

    assertThat(sent).isEqualTo(batches.stream().mapToInt(Integer::intValue).sum());
    assertThat(batches).hasSize((int) (sent + Backfill.BATCH - 1) / Backfill.BATCH);
    assertThat(batches.subList(0, batches.size() - 1)).containsOnly(Backfill.BATCH);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith(
            "Backfilling history: 0 / "
                + String.format(java.util.Locale.ROOT, "%,d", sent)
                + " events (0 %)")
        .endsWith(
            "Backfilling history: "
                + String.format(java.util.Locale.ROOT, "%,d / %,d", sent, sent)
                + " events (100 %)"
                + System.lineSeparator());
  }

  @Test
  void shouldLeaveOutCorrectionsOfOrdersBeforeAFreshHistory() {
    DaySchedule schedule =
        new DaySchedule(
            SalesFloor.generate(60, SalesFloor.STANDARD_SEED), SYDNEY, DaySchedule.DEMO_SEED);
    Backfill.Range range =
        new Backfill.Range(
            Instant.parse("2026-10-30T13:00:00Z"), Instant.parse("2026-11-01T13:00:00Z"));
    List<String> fresh = new ArrayList<>();
    List<String> gap = new ArrayList<>();
    Backfill.events(recording(fresh), schedule, range, true, (sent, total) -> {});
    Backfill.events(recording(gap), schedule, range, false, (sent, total) -> {});

    List<String> left = gap.stream().filter(json -> !fresh.contains(json)).toList();
    // the range starts at local midnight of Saturday 31 October in Sydney
    String before = ".*\"orderId\":\"o-2026-10-(2\\d|30)-.*";
    assertThat(left).hasSize(10).allMatch(json -> json.matches(before));
    assertThat(fresh).noneMatch(json -> json.matches(before));
  }

  private static EventSink recording(List<String> into) {
    return new EventSink() {
      @Override
      public IngestResult events(List<byte[]> events) {
        events.forEach(e -> into.add(new String(e, StandardCharsets.UTF_8)));
        return new IngestResult(events.size(), 0, List.of());
      }

      @Override
      public IngestResult reference(ReferenceKind kind, List<byte[]> records) {
        return new IngestResult(records.size(), 0, List.of());
      }
    };
  }

  @Test
  void shouldRememberTheZoneAndHowFarItGot(@TempDir Path dataDir) {
    assertThat(DemoState.load(dataDir)).isEqualTo(DemoState.empty());
    DemoState.empty().withZone(SYDNEY).withBackfilledUntil(NOW).save(dataDir);

    assertThat(DemoState.load(dataDir))
        .isEqualTo(new DemoState(Optional.of(SYDNEY), Optional.of(NOW)));
  }
}
