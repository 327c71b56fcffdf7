package dev.salespulse.tools.simulate;

import static dev.salespulse.tools.simulate.SimulationFixtures.BERLIN;
import static dev.salespulse.tools.simulate.SimulationFixtures.MONDAY;
import static dev.salespulse.tools.simulate.SimulationFixtures.REPS;
import static dev.salespulse.tools.simulate.SimulationFixtures.SEED;
import static dev.salespulse.tools.simulate.SimulationFixtures.generator;
import static dev.salespulse.tools.simulate.SimulationFixtures.week;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EventGeneratorTest {
  @Test
  void shouldGenerateIdenticalEventsForTheSameSeed() {
    EventGenerator first = generator(SEED);
    EventGenerator second = generator(SEED);
    Instant now = Instant.parse("2026-11-26T10:15:00Z");

    assertThat(second.roster()).isEqualTo(first.roster());
    assertThat(second.day(MONDAY, 2_000)).isEqualTo(first.day(MONDAY, 2_000));
    assertThat(second.next(now)).isEqualTo(first.next(now));
  }

  @Test
  void shouldGenerateOtherEventsForAnotherSeed() {
    assertThat(whoDidWhatWhen(generator(SEED + 1).day(MONDAY, 200)))
        .isNotEqualTo(whoDidWhatWhen(generator(SEED).day(MONDAY, 200)));
  }

  @Test
  void shouldProduceOnlyEventsValidPerTheContract() {
    List<SimulatedRecord> records = week(generator(SEED));

    records.forEach(ContractAssertions::assertValidEvent);
    Set<String> types =
        records.stream()
            .map(record -> ContractAssertions.parse(record.json()).get("type").asText())
            .collect(Collectors.toSet());
    assertThat(types)
        .containsAll(ContractAssertions.ORDER_TYPES)
        .containsAll(ContractAssertions.ACTIVITY_TYPES);
  }

  @Test
  void shouldGiveEveryEventAUniqueIdFromTheSeed() {
    List<String> ids =
        week(generator(SEED)).stream()
            .map(record -> ContractAssertions.parse(record.json()).get("eventId").asText())
            .toList();

    assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.startsWith("sim-42-"));
  }

  @Test
  void shouldPutMostOfAWeekdayInBusinessHoursWithALunchDip() {
    Map<Integer, Long> byHour =
        generator(SEED).day(MONDAY, 10_000).stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.occurredAt().atZone(BERLIN).getHour(), Collectors.counting()));

    long business =
        byHour.entrySet().stream()
            .filter(e -> e.getKey() >= 9 && e.getKey() < 18)
            .mapToLong(Map.Entry::getValue)
            .sum();
    assertThat(business).isGreaterThan(7_000);
    assertThat(byHour.get(12)).isLessThan(byHour.get(10));
    assertThat(byHour.getOrDefault(3, 0L)).isLessThan(byHour.get(10) / 10);
  }

  @Test
  void shouldKeepEveryEventOfADayWithinThatLocalDayInTimeOrder() {
    LocalDate saturday = MONDAY.with(DayOfWeek.SATURDAY);
    List<Instant> times =
        generator(SEED).day(saturday, 1_000).stream().map(SimulatedRecord::occurredAt).toList();

    assertThat(times).isSorted().allMatch(t -> t.atZone(BERLIN).toLocalDate().equals(saturday));
  }

  @Test
  void shouldListInTheRosterEveryRepOfEveryEvent() {
    EventGenerator generator = generator(SEED);
    Set<String> roster =
        generator.roster().stream().map(SimulatedRecord::key).collect(Collectors.toSet());

    Set<String> used =
        week(generator).stream()
            .map(record -> ContractAssertions.parse(record.json()).get("repId").asText())
            .collect(Collectors.toSet());

    assertThat(roster).hasSize(REPS).containsAll(used);
  }

  @Test
  void shouldWriteRosterEntriesAsTheContractShowsThem() {
    SimulatedRecord first = generator(SEED).roster().get(0);
    JsonNode entry = ContractAssertions.parse(first.json());

    assertThat(first.topicKind()).isEqualTo(SimulatedRecord.REPS);
    assertThat(first.key()).isEqualTo("rep-1");
    assertThat(first.occurredAt()).isNull();
    assertThat(entry.get("repId").asText()).isEqualTo("rep-1");
    assertThat(entry.get("name").asText()).matches("\\S+ \\S+");
    assertThat(entry.get("teamId").asText()).isEqualTo("team-north");
    assertThat(entry.get("region").asText()).isEqualTo("EMEA");
    assertThat(entry.get("active").asBoolean()).isTrue();
  }

  @Test
  void shouldStampTheEventWithTheTimeAskedForToTheMillisecond() {
    Instant now = Instant.parse("2026-11-26T14:03:22.123456789Z");

    SimulatedRecord record = generator(SEED).next(now);

    assertThat(record.occurredAt()).isEqualTo(Instant.parse("2026-11-26T14:03:22.123Z"));
    assertThat(ContractAssertions.parse(record.json()).get("occurredAt").asText())
        .isEqualTo("2026-11-26T14:03:22.123Z");
  }

  private static List<String> whoDidWhatWhen(List<SimulatedRecord> records) {
    return records.stream()
        .map(r -> ContractAssertions.parse(r.json()))
        .map(
            e ->
                e.get("repId").asText()
                    + " "
                    + e.get("type").asText()
                    + " "
                    + e.get("occurredAt").asText())
        .toList();
  }
}
