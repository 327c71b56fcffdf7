package dev.salespulse.streams.model;

import dev.salespulse.streams.stores.KpiTotals;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Everything a sequence leaves behind that the property compares: every day bucket (keyed {@code
 * <local date>|<scope>}), every minute bucket ({@code <minute start>|<scope>}) and the dead letters
 * in order ({@code <record key> <x-error-reason>}).
 */
record Outcome(
    Map<String, KpiTotals> days, Map<String, KpiTotals> minutes, List<String> deadLetters) {

  /** Empty when {@code actual} is exactly this; else one line per difference, field by field. */
  List<String> differencesFrom(Outcome actual) {
    List<String> differences = new ArrayList<>();
    compare("day", days, actual.days, differences);
    compare("minute", minutes, actual.minutes, differences);
    if (!deadLetters.equals(actual.deadLetters)) {
      differences.add(
          "dead letters: expected " + deadLetters + " but topology wrote " + actual.deadLetters);
    }
    return differences;
  }

  private static void compare(
      String bucket,
      Map<String, KpiTotals> expected,
      Map<String, KpiTotals> actual,
      List<String> differences) {
    TreeSet<String> keys = new TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String key : keys) {
      KpiTotals want = expected.get(key);
      KpiTotals got = actual.get(key);
      if (Objects.equals(want, got)) {
        continue;
      }
      if (want == null || got == null) {
        differences.add(
            bucket
                + " "
                + key
                + ": expected "
                + (want == null ? "no bucket" : want)
                + " but got "
                + (got == null ? "no bucket" : got));
      } else {
        differences.add(bucket + " " + key + ": " + fieldDifferences(want, got));
      }
    }
  }

  /** {@code revenueMinor expected 1234 got 1233, …}, over every component of the record. */
  private static String fieldDifferences(KpiTotals want, KpiTotals got) {
    List<String> fields = new ArrayList<>();
    for (RecordComponent component : KpiTotals.class.getRecordComponents()) {
      Object expected = value(component, want);
      Object actual = value(component, got);
      if (!expected.equals(actual)) {
        fields.add(component.getName() + " expected " + expected + " got " + actual);
      }
    }
    return String.join(", ", fields);
  }

  private static Object value(RecordComponent component, KpiTotals totals) {
    try {
      return component.getAccessor().invoke(totals);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
