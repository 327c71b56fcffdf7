package dev.salespulse.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code salespulse simulate} with an option value it cannot use: a one-line error naming it and
 * exit code 2 (docs/configuration.md), never a stack trace. No broker is needed: the values are
 * refused before anything connects.
 */
class SimulateCommandErrorsTest {

  @ParameterizedTest
  @CsvSource({"--reps, 20000", "--rate, Infinity"})
  void shouldRefuseAnUnusableOptionWithOneLineAndExitCode2(String option, String value) {
    CommandLine cli = AllCommands.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));

    int exit = cli.execute("simulate", option, value, "--bootstrap-servers", "localhost:1");

    assertThat(exit).as(err.toString()).isEqualTo(2);
    assertThat(err.toString()).startsWith("salespulse: ").doesNotContain("\tat ");
    assertThat(err.toString().strip().lines()).hasSize(1);
  }
}
