package dev.salespulse.streams.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/configuration.md documents exactly the settings the code reads, with their defaults. */
class ConfigReferenceDocTest {
  private static final Path DOC = Path.of("..", "docs", "configuration.md");
  private static final Pattern TABLE_ROW =
      Pattern.compile(
          "^\\| `(SALESPULSE_[A-Z_]+)` \\| `--([a-z-]+)` \\| (.*?) \\|", Pattern.MULTILINE);

  @Test
  void everySettingIsDocumentedWithItsFlagAndDefault() throws IOException {
    String doc = Files.readString(DOC);
    for (ConfigKey key : ConfigKey.values()) {
      Matcher row =
          Pattern.compile(
                  "^\\| `" + key.env() + "` \\| `--" + key.flag() + "` \\| (.*?) \\|",
                  Pattern.MULTILINE)
              .matcher(doc);
      assertThat(row.find()).as("row for %s", key.env()).isTrue();
      key.defaultValue()
          .filter(value -> !value.isEmpty())
          .ifPresent(
              value ->
                  assertThat(row.group(1))
                      .as("default of %s", key.env())
                      .contains("`" + value + "`"));
    }
  }

  @Test
  void theTableNamesNoSettingThatDoesNotExist() throws IOException {
    Set<String> known =
        Arrays.stream(ConfigKey.values()).map(ConfigKey::env).collect(Collectors.toSet());
    Matcher rows = TABLE_ROW.matcher(Files.readString(DOC));
    int count = 0;
    while (rows.find()) {
      assertThat(known).contains(rows.group(1));
      count++;
    }
    assertThat(count).isEqualTo(ConfigKey.values().length);
  }
}
