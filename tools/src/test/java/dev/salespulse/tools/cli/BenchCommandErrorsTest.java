package dev.salespulse.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code salespulse bench --serving} with options it cannot use: a one-line error and exit code 2,
 * before any broker starts.
 */
class BenchCommandErrorsTest {

  @ParameterizedTest
  @CsvSource({
    "--baseline, ''",
    "--duration, 0",
    "--connections, -1",
    "--path, api/v1/kpis",
  })
  void shouldRefuseServingOptionsItCannotUseWithOneLineAndExitCode2(String option, String value) {
    CommandLine cli = AllCommands.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));

    int exit =
        value.isEmpty()
            ? cli.execute("bench", "--serving", option)
            : cli.execute("bench", "--serving", option, value);

    assertThat(exit).as(err.toString()).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("salespulse: ")
        .contains("--serving needs")
        .doesNotContain("\tat ");
    assertThat(err.toString().strip().lines()).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource({"--settle=-1, --serving", "--settle=10, --baseline"})
  void shouldRefuseASettleItCannotUseWithOneLineAndExitCode2(String settle, String other) {
    CommandLine cli = AllCommands.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));

    int exit = cli.execute("bench", settle, other);

    assertThat(exit).as(err.toString()).isEqualTo(2);
    assertThat(err.toString()).startsWith("salespulse: ").contains("--settle needs");
    assertThat(err.toString().strip().lines()).hasSize(1);
  }
}
