package dev.salespulse.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.web.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The Grafana dashboards of dashboards/grafana/dashboards and the PromQL of their panels. */
final class DashboardFiles {
  record Query(String dashboard, String panel, String expr) {}

  private DashboardFiles() {}

  static Path dir() {
    return RepoFiles.dashboards().resolve("grafana").resolve("dashboards");
  }

  static List<Path> files() {
    try (Stream<Path> files = Files.list(dir())) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode read(Path file) {
    try {
      return Json.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("not valid JSON: " + file, e);
    }
  }

  /** Every panel, rows' nested panels included. */
  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      panels.add(panel);
      panel.path("panels").forEach(panels::add);
    }
    return panels;
  }

  /** Every panel target's expr and every query variable's query, of every dashboard. */
  static List<Query> queries() {
    List<Query> queries = new ArrayList<>();
    for (Path file : files()) {
      JsonNode dashboard = read(file);
      String title = dashboard.path("title").asText();
      for (JsonNode panel : panels(dashboard)) {
        for (JsonNode target : panel.path("targets")) {
          queries.add(new Query(title, panel.path("title").asText(), target.path("expr").asText()));
        }
      }
      for (JsonNode variable : dashboard.path("templating").path("list")) {
        if (variable.path("type").asText().equals("query")) {
          String query = variable.path("query").path("query").asText();
          queries.add(new Query(title, "variable " + variable.path("name").asText(), query));
        }
      }
    }
    return queries;
  }

  /** A variable query ({@code label_values(metric{…}, label)}) as the PromQL selector it reads. */
  static String selectorOf(String expr) {
    if (expr.startsWith("label_values(")) {
      return expr.substring("label_values(".length(), expr.lastIndexOf(','));
    }
    return expr;
  }
}
