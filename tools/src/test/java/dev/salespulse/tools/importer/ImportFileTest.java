package dev.salespulse.tools.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportFileTest {
  @TempDir Path dir;

  @Test
  void shouldReadCsvRowsWithTheLineEachStartsOn() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("targets.csv"),
            "scope,scopeId,period,metric,value\n"
                + "TEAM,team-north,DAY,REVENUE,50000\n"
                + "\n"
                + "REP,\"rep-7\",DAY,CALLS,40\n");

    try (ImportFile imported = ImportFile.open(file)) {
      assertThat(imported.kind()).contains(ImportKind.TARGETS);
      assertThat(lines(imported))
          .containsExactly(
              "2 {\"scope\":\"TEAM\",\"scopeId\":\"team-north\",\"period\":\"DAY\","
                  + "\"metric\":\"REVENUE\",\"value\":50000}",
              "4 {\"scope\":\"REP\",\"scopeId\":\"rep-7\",\"period\":\"DAY\",\"metric\":\"CALLS\","
                  + "\"value\":40}");
    }
  }

  @Test
  void shouldReadNdjsonAndJsonArraysAndTellTheirKinds() throws Exception {
    Path ndjson =
        Files.writeString(
            dir.resolve("rates.json"),
            "\n{\"currency\":\"EUR\",\"perUnitInReporting\":1.08}\n\n{\"currency\":\"GBP\"}\n");
    try (ImportFile imported = ImportFile.open(ndjson)) {
      assertThat(imported.kind()).contains(ImportKind.FX_RATES);
      assertThat(lines(imported))
          .containsExactly(
              "2 {\"currency\":\"EUR\",\"perUnitInReporting\":1.08}", "4 {\"currency\":\"GBP\"}");
    }
    Path array =
        Files.writeString(
            dir.resolve("reps.json"), "[\n  {\"repId\": \"rep-1\"},\n  {\"repId\": \"rep-2\"}\n]");
    try (ImportFile imported = ImportFile.open(array)) {
      assertThat(imported.kind()).contains(ImportKind.REPS);
      assertThat(lines(imported))
          .containsExactly("1 {\"repId\": \"rep-1\"}", "2 {\"repId\": \"rep-2\"}");
    }
  }

  private static List<String> lines(ImportFile file) throws Exception {
    List<String> lines = new ArrayList<>();
    for (ImportRecord r = file.next(); r != null; r = file.next()) {
      lines.add(r.line() + " " + new String(r.json(), StandardCharsets.UTF_8));
    }
    return lines;
  }
}
