package dev.salespulse.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code salespulse bench} with options it cannot use: a one-line error and exit code 2, before any
 * broker starts.
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
    Refusal refusal =
        value.isEmpty() ? bench("--serving", option) : bench("--serving", option, value);

    assertThat(refusal.exit()).as(refusal.err()).isEqualTo(2);
    assertThat(refusal.err())
        .startsWith("salespulse: ")
        .contains("--serving needs")
        .doesNotContain("\tat ");
    assertThat(refusal.err().strip().lines()).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource({"--settle=-1, --serving", "--settle=10, --baseline"})
  void shouldRefuseASettleItCannotUseWithOneLineAndExitCode2(String settle, String other) {
    Refusal refusal = bench(settle, other);

    assertThat(refusal.exit()).as(refusal.err()).isEqualTo(2);
    assertThat(refusal.err()).startsWith("salespulse: ").contains("--settle needs");
    assertThat(refusal.err().strip().lines()).hasSize(1);
  }

  private record Refusal(int exit, String err) {}

  private static Refusal bench(String... args) {
    CommandLine cli = AllCommands.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    String[] withCommand = new String[args.length + 1];
    withCommand[0] = "bench";
    System.arraycopy(args, 0, withCommand, 1, args.length);
    int exit = cli.execute(withCommand);
    return new Refusal(exit, err.toString());
  }
}
