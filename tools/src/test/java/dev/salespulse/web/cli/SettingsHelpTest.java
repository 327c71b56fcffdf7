package dev.salespulse.web.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.salespulse.streams.config.ConfigKey;
import dev.salespulse.tools.cli.AllCommands;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code --help} of the commands that read settings lists every setting with its default. */
class SettingsHelpTest {

  @ParameterizedTest(name = "{0} --help")
  @ValueSource(strings = {"run", "demo", "simulate", "bench"})
  void listsEverySettingWithFlagVariableDefaultAndMeaning(String command) {
    Result help = execute(command, "--help");

    assertThat(help.exitCode()).isZero();
    String text = help.out().replaceAll("\\s+", " ");
    for (ConfigKey key : ConfigKey.values()) {
      String shown = key.defaultValue().map(v -> v.isEmpty() ? "empty" : v).orElse("none");
      assertThat(text)
          .as("%s in %s --help", key.env(), command)
          .contains(
              "--"
                  + key.flag()
                  + ", "
                  + key.env()
                  + " (default: "
                  + shown
                  + ") "
                  + key.description().replaceAll("\\s+", " "));
    }
  }

  @Test
  void showsTheDefaultsAsTheyAre() {
    String text = execute("run", "--help").out();

    assertThat(text)
        .contains("--http-port, SALESPULSE_HTTP_PORT  (default: 7070)")
        .contains("--bootstrap-servers, SALESPULSE_BOOTSTRAP_SERVERS  (default: none)")
        .contains("--topic-prefix, SALESPULSE_TOPIC_PREFIX  (default: empty)")
        .contains("--log-format, SALESPULSE_LOG_FORMAT  (default: text)")
        .contains("--kafka-<property>, SALESPULSE_KAFKA_<PROPERTY>");
  }

  @Test
  void importListsTheVariablesItReads() {
    String text = execute("import", "--help").out().replaceAll("\\s+", " ");

    for (ConfigKey key : ConfigKey.values()) {
      assertThat(text).contains(" " + key.env() + " (default: ");
    }
    assertThat(text).doesNotContain("--http-port");
  }

  @Test
  void aBadLoggingSettingStopsTheStartWithALineNamingIt() {
    // Refused before anything starts; the bound only keeps a regression from hanging the build.
    Result run =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60),
            () -> execute("run", "--log-level", "LOUD", "--http-port", "0"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("salespulse: Invalid --log-level='LOUD': expected a level (TRACE, DEBUG,")
        .endsWith("(SALESPULSE_LOG_LEVEL).\n");
  }

  private record Result(int exitCode, String out, String err) {}

  private static Result execute(String... args) {
    CommandLine cli = AllCommands.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exitCode = cli.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }
}
