package dev.salespulse.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code /metrics} answer (Prometheus text format 0.0.4) as series and values: {@code
 * name{labels}} → value, comments left out.
 */
record Scrape(Map<String, Double> series) {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*})? (\\S+)");

  static Scrape parse(String text) {
    Map<String, Double> series = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      if (!sample.find()) {
        throw new IllegalArgumentException("not a sample line: " + line);
      }
      String labels = sample.group(2) == null ? "" : sample.group(2);
      series.put(sample.group(1) + labels, Double.parseDouble(sample.group(3)));
    }
    return new Scrape(series);
  }

  /** The metric names, without labels. */
  Set<String> names() {
    Set<String> names = new TreeSet<>();
    series.keySet().forEach(key -> names.add(nameOf(key)));
    return names;
  }

  static String nameOf(String seriesKey) {
    int brace = seriesKey.indexOf('{');
    return brace < 0 ? seriesKey : seriesKey.substring(0, brace);
  }

  /** The value of the series with exactly this name and these labels in Micrometer's order. */
  Optional<Double> value(String seriesKey) {
    return Optional.ofNullable(series.get(seriesKey));
  }

  double sum(String name) {
    return series.entrySet().stream()
        .filter(e -> nameOf(e.getKey()).equals(name))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }
}
