package dev.salespulse.tools.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class SalesFloorSimulatorTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant THURSDAY_11AM = Instant.parse("2026-11-26T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(THURSDAY_11AM, BERLIN);
  private static final SimulatorSettings SETTINGS =
      new SimulatorSettings(400, 10, BERLIN, 42, CLOCK);
  private static final Map<String, String> KINDS =
      Map.of(
          "test.sales.orders", SimulatedRecord.ORDERS,
          "test.sales.activities", SimulatedRecord.ACTIVITIES);
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private static MockProducer<String, String> producer(boolean autoComplete) {
    return new MockProducer<>(autoComplete, null, new StringSerializer(), new StringSerializer());
  }

  private static SalesFloorSimulator simulator(MockProducer<String, String> producer) {
    return new SalesFloorSimulator(
        producer, "test.sales.orders", "test.sales.activities", "test.sales.reps", SETTINGS);
  }

  @Test
  void shouldPublishTheRosterThenKeyedEventsStampedWithTheClock() {
    MockProducer<String, String> producer = producer(true);
    try (SalesFloorSimulator simulator = simulator(producer)) {
      simulator.start();
      await().atMost(PATIENCE).until(() -> simulator.sent() >= 200);
    }

    List<ProducerRecord<String, String>> history = producer.history();
    List<ProducerRecord<String, String>> roster = history.subList(0, 10);
    assertThat(roster).extracting(ProducerRecord::topic).containsOnly("test.sales.reps");
    assertThat(roster)
        .extracting(ProducerRecord::key)
        .containsExactly(
            "rep-1", "rep-2", "rep-3", "rep-4", "rep-5", "rep-6", "rep-7", "rep-8", "rep-9",
            "rep-10");
    assertThat(roster)
        .allSatisfy(
            r ->
                assertThat(ContractAssertions.parse(r.value()).get("repId").asText())
                    .isEqualTo(r.key()));

    List<ProducerRecord<String, String>> events = history.subList(10, history.size());
    assertThat(events).hasSizeGreaterThanOrEqualTo(200);
    assertThat(events)
        .extracting(ProducerRecord::topic)
        .containsOnly("test.sales.orders", "test.sales.activities")
        .contains("test.sales.orders", "test.sales.activities");
    assertThat(events)
        .allSatisfy(
            r -> {
              assertThat(r.timestamp()).isEqualTo(THURSDAY_11AM.toEpochMilli());
              JsonNode event =
                  ContractAssertions.assertValidEvent(
                      new SimulatedRecord(KINDS.get(r.topic()), r.key(), r.value(), THURSDAY_11AM));
              assertThat(event.get("eventId").asText()).startsWith("sim-42-");
            });
  }

  @Test
  void shouldStopItsThreadAndCloseTheProducerOnClose() {
    MockProducer<String, String> producer = producer(true);
    SalesFloorSimulator simulator = simulator(producer);
    simulator.start();
    await().atMost(PATIENCE).until(() -> simulator.sent() >= 50);

    simulator.close();
    simulator.close();

    assertThat(producer.closed()).isTrue();
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().equals(SalesFloorSimulator.THREAD_NAME) && t.isAlive());
    assertThat(simulator.sent()).isEqualTo(producer.history().size() - 10L);
    assertThatThrownBy(simulator::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldCountProducerErrorsAndKeepSending() {
    MockProducer<String, String> producer = producer(false);
    try (SalesFloorSimulator simulator = simulator(producer)) {
      simulator.start();
      await().atMost(PATIENCE).until(() -> producer.history().size() > 20);

      assertThat(producer.errorNext(new TimeoutException("broker unreachable"))).isTrue();
      assertThat(simulator.failed()).isEqualTo(1);
      synchronized (producer) {
        producer.sendException = new KafkaException("producer is having a bad day");
      }
      await().atMost(PATIENCE).until(() -> simulator.failed() >= 20);
      synchronized (producer) {
        producer.sendException = null;
      }
      int sentBefore = producer.history().size();
      await().atMost(PATIENCE).until(() -> producer.history().size() > sentBefore + 50);
      while (producer.completeNext()) {
        assertThat(simulator.sent()).isGreaterThanOrEqualTo(0);
      }

      assertThat(simulator.sent()).isGreaterThan(50);
    }
  }

  @Test
  void shouldNeverGoBelowATenthOfTheRateSoTheDashboardMoves() {
    assertThat(SalesFloorSimulator.targetRate(200, 1.0)).isEqualTo(200.0);
    assertThat(SalesFloorSimulator.targetRate(200, 0.5)).isEqualTo(100.0);
    assertThat(SalesFloorSimulator.targetRate(200, 0.02))
        .isCloseTo(20.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void shouldRejectSettingsThatCannotRun() {
    assertThatThrownBy(() -> new SimulatorSettings(0, 10, BERLIN, 1, CLOCK))
        .hasMessageContaining("rate");
    assertThatThrownBy(() -> new SimulatorSettings(10, 0, BERLIN, 1, CLOCK))
        .hasMessageContaining("reps");
    assertThat(SimulatorSettings.defaults())
        .satisfies(
            d -> {
              assertThat(d.rate()).isEqualTo(50.0);
              assertThat(d.reps()).isEqualTo(60);
            });
  }
}
