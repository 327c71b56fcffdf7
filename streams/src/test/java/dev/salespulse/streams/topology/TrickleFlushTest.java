package dev.salespulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.stores.KpiTotalsSerde;
import dev.salespulse.streams.stores.StoreNames;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A trickle of events (a live sales floor) goes through the ingest and the buckets at once, marked
 * so that the buckets publish its changes at once too; a backlog keeps its batches and the publish
 * interval, which is what makes catch-up fast.
 */
class TrickleFlushTest {

  @Nested
  class Ingest {
    private final OrderIngestFixture ingest = new OrderIngestFixture();

    @Test
    void aTrickleIsSentOnAtTheNextCheckMarkedAsOne() {
      ingest.processor.init(ingest.context);
      ingest.place("e-1", "o-1", "100.00");
      ingest.place("e-2", "o-2", "25.50");

      ingest.advance(Freshness.TRICKLE_CHECK_INTERVAL);

      KpiTotals company = ingest.forwardedTo("company:all");
      assertThat(company.revenueMinor()).isEqualTo(12_550);
      assertThat(company.orders()).isEqualTo(2);
      assertThat(ingest.context.forwarded())
          .allSatisfy(forward -> assertThat(trickle(forward.record())).isTrue());
      ingest.context.resetForwards();
      ingest.flush();
      assertThat(ingest.context.forwarded()).as("sent once").isEmpty();
    }

    @Test
    void moreThanATrickleWaitsForTheFlushIntervalUnmarked() {
      ingest.processor.init(ingest.context);
      for (int i = 0; i <= Freshness.TRICKLE_EVENTS; i++) {
        ingest.place("e-" + i, "o-" + i, "10.00");
      }

      ingest.advance(Freshness.TRICKLE_CHECK_INTERVAL);
      assertThat(ingest.context.forwarded()).isEmpty();

      ingest.advance(IngestProcessor.FLUSH_INTERVAL.minus(Freshness.TRICKLE_CHECK_INTERVAL));
      KpiTotals company = ingest.forwardedTo("company:all");
      assertThat(company.orders()).isEqualTo(Freshness.TRICKLE_EVENTS + 1);
      assertThat(company.revenueMinor()).isEqualTo(1_000L * (Freshness.TRICKLE_EVENTS + 1));
      assertThat(ingest.context.forwarded())
          .noneSatisfy(forward -> assertThat(trickle(forward.record())).isTrue());
    }

    @Test
    void withNothingCountedNothingIsSent() {
      ingest.processor.init(ingest.context);

      ingest.advance(Freshness.TRICKLE_CHECK_INTERVAL);

      assertThat(ingest.context.forwarded()).isEmpty();
    }
  }

  @Nested
  class Buckets {
    private static final Instant AT = Instant.parse("2026-11-26T14:03:22Z");
    private final MockProcessorContext<String, String> context =
        new MockProcessorContext<>(new Properties());
    private final BucketProcessor processor =
        new BucketProcessor(ZoneOffset.UTC, Duration.ofDays(2), 2);

    Buckets() {
      context.setCurrentSystemTimeMs(AT.plusSeconds(1).toEpochMilli());
      window(StoreNames.KPI_MINUTE, KpiTotalsSerde.serde());
      window(StoreNames.REVENUE_PROFILE, Serdes.Long());
      keyValue(StoreNames.KPI_DAY, KpiTotalsSerde.serde());
      keyValue(StoreNames.BUCKET_COMMIT_MARKER, Serdes.ByteArray());
      processor.init(context);
    }

    @Test
    void whatATrickleChangedIsPublishedAtTheNextCheck() {
      delta("rep:rep-1", 10_000, true);
      delta("company:all", 10_000, true);
      delta("rep:rep-1", 2_550, true);

      advance(Freshness.CHANGES_CHECK_INTERVAL);

      assertThat(changes())
          .containsExactlyInAnyOrder(
              "rep:rep-1|2026-11-26|125.50|2", "company:all|2026-11-26|100.00|1");
    }

    @Test
    void whatABacklogChangedWaitsForThePublishInterval() {
      for (int i = 0; i < 65; i++) {
        delta("rep:rep-" + (i % 3), 100, false);
      }

      advance(Freshness.CHANGES_CHECK_INTERVAL);
      assertThat(changes()).isEmpty();

      advance(BucketProcessor.PUBLISH_INTERVAL.minus(Freshness.CHANGES_CHECK_INTERVAL));
      assertThat(changes())
          .containsExactlyInAnyOrder(
              "rep:rep-0|2026-11-26|22.00|22",
              "rep:rep-1|2026-11-26|22.00|22",
              "rep:rep-2|2026-11-26|21.00|21");
    }

    @Test
    void whatATrickleChangedIsInTheStoresAtOnceABacklogAtTheCommit() {
      KeyValueStore<String, KpiTotals> days = context.getStateStore(StoreNames.KPI_DAY);
      WindowStore<String, KpiTotals> minutes = context.getStateStore(StoreNames.KPI_MINUTE);
      long minute = AT.toEpochMilli() - AT.toEpochMilli() % 60_000;

      delta("rep:rep-1", 10_000, true);

      assertThat(days.get("2026-11-26|rep:rep-1").revenueMinor()).isEqualTo(10_000);
      assertThat(minutes.fetch("rep:rep-1", minute).revenueMinor()).isEqualTo(10_000);

      delta("rep:rep-2", 10_000, false);

      assertThat(days.get("2026-11-26|rep:rep-2")).as("written by the next commit").isNull();
    }

    private void delta(String scope, long minor, boolean trickle) {
      RecordHeaders headers = new RecordHeaders();
      if (trickle) {
        headers.add(Freshness.TRICKLE_HEADER, new byte[] {1});
      }
      processor.process(
          new Record<>(
              scope,
              KpiTotals.placedOrder(minor, 1, AT.toEpochMilli()),
              context.currentSystemTimeMs(),
              headers));
    }

    private void advance(Duration by) {
      context.setCurrentSystemTimeMs(context.currentSystemTimeMs() + by.toMillis());
      context.scheduledPunctuators().stream()
          .filter(p -> p.getInterval().equals(Freshness.CHANGES_CHECK_INTERVAL))
          .findFirst()
          .orElseThrow()
          .getPunctuator()
          .punctuate(context.currentSystemTimeMs());
    }

    /** Each published change as scope|date|revenue|orders. */
    private List<String> changes() {
      return context.forwarded().stream()
          .map(MockProcessorContext.CapturedForward::record)
          .map(Record::value)
          .map(TrickleFlushTest::summary)
          .toList();
    }

    private <V> void keyValue(String name, Serde<V> values) {
      KeyValueStore<String, V> store =
          Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
              .withLoggingDisabled()
              .build();
      store.init(context.getStateStoreContext(), store);
      context.addStateStore(store);
    }

    private <V> void window(String name, Serde<V> values) {
      WindowStore<String, V> store =
          Stores.windowStoreBuilder(
                  Stores.inMemoryWindowStore(
                      name, Duration.ofDays(3), Duration.ofMinutes(1), false),
                  Serdes.String(),
                  values)
              .withLoggingDisabled()
              .build();
      store.init(context.getStateStoreContext(), store);
      context.addStateStore(store);
    }
  }

  private static boolean trickle(Record<?, ?> record) {
    return record.headers().lastHeader(Freshness.TRICKLE_HEADER) != null;
  }

  private static String summary(String change) {
    try {
      var json =
          new ObjectMapper()
              .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
              .readTree(change);
      return json.get("scope").asText()
          + "|"
          + json.get("date").asText()
          + "|"
          + json.get("revenue").decimalValue().setScale(2).toPlainString()
          + "|"
          + json.get("orders").asLong();
    } catch (IOException e) {
      throw new AssertionError(change, e);
    }
  }
}
