package dev.salespulse.tools.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo floor's day schedules: pure, with ids from the date, and shaped like a real floor. */
class DayScheduleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
  private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);

  private static DaySchedule schedule() {
    return new DaySchedule(
        SalesFloor.generate(60, SalesFloor.STANDARD_SEED), SYDNEY, DaySchedule.DEMO_SEED);
  }

  @Test
  void shouldMakeTheSameDayWithTheSameIdsEveryTime() {
    List<SimulatedRecord> first = schedule().day(MONDAY);
    List<SimulatedRecord> again = schedule().day(MONDAY);

    assertThat(again).isEqualTo(first);
    assertThat(first).hasSize(6561);
    assertThat(first.get(0).json())
        .isEqualTo(
            "{\"eventId\":\"sim-2026-12-07-1\",\"type\":\"ORDER_PLACED\",\"orderId\":\"o-2026-12-07-1\","
                + "\"occurredAt\":\"2026-12-06T13:12:36.657Z\",\"repId\":\"rep-60\",\"customerId\":\"c-2340\","
                + "\"channel\":\"web\",\"currency\":\"USD\",\"amount\":3750.00,\"lines\":[{\"sku\":"
                + "\"SKU-SV-MIGRATION\",\"category\":\"services\",\"quantity\":1,\"unitPrice\":3750.00}]}");
  }

  @Test
  void shouldKeepEventsInsideTheirLocalDayInTimeOrderWithUniqueIds() throws Exception {
    List<SimulatedRecord> day = schedule().day(MONDAY);
    Instant start = MONDAY.atStartOfDay(SYDNEY).toInstant();
    Instant end = MONDAY.plusDays(1).atStartOfDay(SYDNEY).toInstant();

    assertThat(day)
        .allSatisfy(event -> assertThat(event.occurredAt()).isBetween(start, end.minusMillis(1)));
    assertThat(day)
        .isSortedAccordingTo(java.util.Comparator.comparing(SimulatedRecord::occurredAt));
    List<String> ids = new java.util.ArrayList<>();
    for (SimulatedRecord event : day) {
      ids.add(JSON.readTree(event.json()).get("eventId").asText());
    }
    assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.startsWith("sim-2026-12-"));
  }

  @Test
  void shouldCorrectOnlyOrdersPlacedEarlier() throws Exception {
    DaySchedule schedule = schedule();
    Map<String, Instant> placed = new HashMap<>();
    int corrections = 0;
    for (LocalDate date = MONDAY.minusDays(7); !date.isAfter(MONDAY); date = date.plusDays(1)) {
      for (SimulatedRecord event : schedule.day(date)) {
        JsonNode json = JSON.readTree(event.json());
        String type = json.get("type").asText();
        if (type.equals("ORDER_PLACED")) {
          placed.put(json.get("orderId").asText(), event.occurredAt());
        } else if (type.startsWith("ORDER_") && !date.equals(MONDAY.minusDays(7))) {
          corrections++;
          String order = json.get("orderId").asText();
          if (placed.containsKey(order)) {
            assertThat(event.occurredAt()).isAfter(placed.get(order));
          } else {
            // placed before the first day read here: its id names the day it was placed
            assertThat(order).startsWith("o-2026-11-");
          }
        }
      }
    }
    assertThat(corrections).isEqualTo(90);
  }

  @Test
  void shouldLookLikeASalesFloorOnAWeekdayAndBeQuietOnAWeekend() throws Exception {
    Map<String, Integer> monday = counts(schedule().day(MONDAY));
    Map<String, Integer> sunday = counts(schedule().day(MONDAY.minusDays(1)));

    assertThat(monday)
        .containsEntry("CALL", 3576)
        .containsEntry("EMAIL", 1962)
        .containsEntry("LEAD_CREATED", 189)
        .containsEntry("MEETING", 216)
        .containsEntry("DEMO", 102)
        .containsEntry("DEAL_WON", 53)
        .containsEntry("DEAL_LOST", 93)
        .containsEntry("ORDER_PLACED", 355)
        .containsEntry("ORDER_CANCELLED", 9)
        .containsEntry("ORDER_REFUNDED", 6);
    assertThat(sunday.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(284);
  }

  @Test
  void shouldGiveARangeOnlyTheEventsInsideIt() {
    DaySchedule schedule = schedule();
    Instant from = Instant.parse("2026-12-06T23:00:00Z");
    Instant to = Instant.parse("2026-12-07T01:00:00Z");
    List<SimulatedRecord> day = schedule.day(MONDAY);

    assertThat(schedule.between(from, to))
        .isEqualTo(
            day.stream()
                .filter(e -> !e.occurredAt().isBefore(from) && e.occurredAt().isBefore(to))
                .toList())
        .isNotEmpty();
    assertThat(schedule.between(to, from)).isEmpty();
  }

  private static Map<String, Integer> counts(List<SimulatedRecord> events) throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    for (SimulatedRecord event : events) {
      counts.merge(JSON.readTree(event.json()).get("type").asText(), 1, Integer::sum);
    }
    return counts;
  }
}
