package dev.salespulse.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.salespulse.web.RunningApp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code salespulse import} against a running SalesPulse with a real broker. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportCommandTest {
  private static final String TOKEN = "import-token";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-24T15:00:00Z"), ZoneOffset.UTC);

  private RunningApp running;
  @TempDir Path files;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    running = RunningApp.start(dataDir, CLOCK, Map.of("SALESPULSE_INGEST_TOKEN", TOKEN));
    running.awaitReady();
  }

  @AfterAll
  void stop() {
    if (running != null) {
      running.close();
    }
  }

  @Test
  void shouldImportTheGoodLinesAndListTheBadOnesWithTheirLines() throws Exception {
    Path reps =
        Files.writeString(
            files.resolve("reps.csv"),
            "repId,name,teamId,region\nrep-i1,Ines Imp,team-import,EMEA\n");
    Path events =
        Files.writeString(
            files.resolve("events.ndjson"),
            order("i-1", "io-1", "200.00")
                + "\n\n"
                + "{\"eventId\":\"i-2\",\"type\":\"ORDER_PLACED\"}\n"
                + order("i-3", "io-3", "50.25")
                + "\n"
                + "not json\n"
                + "{\"eventId\":\"i-5\",\"type\":\"CALL\",\"occurredAt\":\"2026-11-24T14:05:00Z\","
                + "\"repId\":\"rep-i1\"}\n");

    Result result =
        execute("import", "--url", url(), "--token", TOKEN, reps.toString(), events.toString());

    assertThat(result.exit).as(result.err).isEqualTo(1);
    assertThat(result.out)
        .isEqualTo(
            "4 accepted, 2 rejected\n"
                + "          1 malformed-json\n"
                + "          1 missing-field\n"
                + "Rejected records (file:line eventId reason: detail):\n"
                + "  "
                + events
                + ":3 i-2 missing-field: required field 'orderId' is missing\n"
                + "  "
                + events
                + ":5 malformed-json: not JSON: Unrecognized token 'not': was expecting (JSON"
                + " String, Number, Array, Object or token 'null', 'true' or 'false') at column 1\n");
    assertThat(result.err)
        .contains(reps + ": 100 % read, 1 accepted, 0 rejected")
        .contains(events + ": 100 % read, 3 accepted, 2 rejected");
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              var rep = running.getJson("/api/v1/kpis?scope=rep:rep-i1&period=today");
              assertThat(rep.get("name").asText()).isEqualTo("Ines Imp");
              assertThat(rep.get("kpis").get("revenue").decimalValue())
                  .isEqualByComparingTo("250.25");
              assertThat(rep.get("kpis").get("calls").asLong()).isEqualTo(1);
            });
  }

  @Test
  void shouldStopWithExitCode2WhenTheTokenIsRefused() throws Exception {
    Path events = Files.writeString(files.resolve("e.ndjson"), order("w-1", "wo-1", "1") + "\n");

    Result result = execute("import", "--url", url(), "--token", "wrong", events.toString());

    assertThat(result.exit).isEqualTo(2);
    assertThat(result.err)
        .startsWith("salespulse: import stopped: POST /api/v1/events answered 401:")
        .contains("--token");
  }

  @Test
  void shouldStopWithExitCode2WhenNoServiceAnswers() throws Exception {
    Path events = Files.writeString(files.resolve("n.ndjson"), order("n-1", "no-1", "1") + "\n");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    Result result =
        execute(
            "import",
            "--url",
            "http://localhost:" + port + "/",
            "--token",
            TOKEN,
            events.toString());

    assertThat(result.exit).isEqualTo(2);
    assertThat(result.err).startsWith("salespulse: import stopped: no SalesPulse answers at");
  }

  @Test
  void shouldRefuseAFileWhoseKindCannotBeTold() throws Exception {
    Path odd = Files.writeString(files.resolve("odd.csv"), "a,b\n1,2\n");

    Result result = execute("import", "--url", url(), "--token", TOKEN, odd.toString());

    assertThat(result.exit).isEqualTo(2);
    assertThat(result.err).contains("give --kind events, reps, targets or fx-rates");
  }

  private String url() {
    return "http://localhost:" + running.app.httpPort() + "/";
  }

  private static String order(String eventId, String orderId, String amount) {
    return "{\"eventId\":\""
        + eventId
        + "\",\"type\":\"ORDER_PLACED\",\"orderId\":\""
        + orderId
        + "\",\"occurredAt\":\"2026-11-24T14:00:00Z\",\"repId\":\"rep-i1\","
        + "\"currency\":\"USD\",\"amount\":"
        + amount
        + "}";
  }

  private record Result(int exit, String out, String err) {}

  private static Result execute(String... args) {
    CommandLine cli = AllCommands.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }
}
