package dev.salespulse.web.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.salespulse.tools.broker.EmbeddedKafkaBroker;
import dev.salespulse.web.disk.Tmpfs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code salespulse run} with a Kafka pass-through setting Kafka cannot use: docs/configuration.md
 * ("every Kafka Streams/client property passes through as SALESPULSE_KAFKA_<PROPERTY>"; "A bad
 * value stops the start with exit code 2 and a message that names the variable") and
 * docs/operations.md (exit code 2: bad configuration, with the variable named; other non-zero: a
 * fatal Streams error).
 */
@Tag("slow")
class ServeCommandErrorsTest {

  @Test
  void refusesABadKafkaPassThroughValueWithOneLineNamingItAndExitCode2(@TempDir Path dataDir) {
    assertThat(
            refusalOf(
                "run",
                "--kafka-num-stream-threads",
                "two",
                "--data-dir",
                dataDir.toString(),
                "--kafka-port",
                "0",
                "--http-port",
                "0"))
        .contains("num.stream.threads");
  }

  /**
   * The embedded broker's port in use is a one-line error naming SALESPULSE_KAFKA_PORT
   * (EmbeddedBrokerException); the HTTP port in use should be as clear.
   */
  @Test
  void refusesAnHttpPortInUseWithOneLineNamingIt(@TempDir Path dataDir) throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
      assertThat(
              refusalOf(
                  "run",
                  "--data-dir",
                  dataDir.toString(),
                  "--kafka-port",
                  "0",
                  "--http-port",
                  Integer.toString(taken.getLocalPort())))
          .contains("SALESPULSE_HTTP_PORT");
    }
  }

  /**
   * The embedded broker is a single node: a replication factor above 1 can never work there
   * (docs/configuration.md: "Use 3 on a real cluster"). It should stop the start as a bad value.
   */
  @Test
  void refusesAReplicationTheEmbeddedBrokerCannotHaveWithOneLine(@TempDir Path dataDir) {
    assertThat(
            refusalOf(
                "run",
                "--topic-replication",
                "3",
                "--data-dir",
                dataDir.toString(),
                "--kafka-port",
                "0",
                "--http-port",
                "0"))
        .contains("SALESPULSE_TOPIC_REPLICATION");
  }

  /**
   * A cluster with fewer brokers than SALESPULSE_TOPIC_REPLICATION cannot create the topics: that
   * is a bad value for this cluster, and it used to end the start with a stack trace and exit 1.
   */
  @Test
  void refusesAReplicationTheClusterCannotPlaceWithOneLine(@TempDir Path dataDir) throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("broker"), 0)) {
      assertThat(
              refusalOf(
                  "run",
                  "--bootstrap-servers",
                  broker.bootstrapServers(),
                  "--topic-replication",
                  "2",
                  "--data-dir",
                  dataDir.resolve("app").toString(),
                  "--http-port",
                  "0"))
          .contains("SALESPULSE_TOPIC_REPLICATION");
    }
  }

  /** A data directory that cannot be a directory (a regular file is in its path). */
  @Test
  void refusesADataDirectoryUnderARegularFileWithOneLineNamingIt(@TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
    Path dataDir = file.resolve("data");

    assertThat(refusalOf("run", "--data-dir", dataDir.toString(), "--http-port", "0"))
        .contains(dataDir.toString(), "SALESPULSE_DATA_DIR", "Not a directory");
  }

  /** The embedded broker's log directory alone is in the way: the line names that directory. */
  @Test
  void refusesABrokerLogDirectoryThatIsAFileWithOneLineNamingIt(@TempDir Path dataDir)
      throws Exception {
    Files.writeString(dataDir.resolve("kafka"), "x");

    assertThat(refusalOf("run", "--data-dir", dataDir.toString(), "--http-port", "0"))
        .contains("embedded broker's log directory", dataDir.resolve("kafka").toString());
  }

  /** A read-only file system (a real read-only tmpfs mount). */
  @Test
  void refusesAReadOnlyDataDirectoryWithOneLineNamingIt(@TempDir Path dir) {
    try (Tmpfs readOnly = Tmpfs.mount(dir, "size=8m,ro")) {
      assertThat(
              refusalOf(
                  "run",
                  "--data-dir",
                  readOnly.path().resolve("data").toString(),
                  "--http-port",
                  "0"))
          .contains(
              readOnly.path().resolve("data").toString(),
              "Read-only file system",
              "SALESPULSE_DATA_DIR");
    }
  }

  /**
   * A file system with less free space than SALESPULSE_DISK_MIN_FREE_MB (a real 64 MB tmpfs filled
   * to about 8 MB free).
   */
  @Test
  void refusesADataDirectoryWithTooLittleFreeSpaceWithOneLineNamingIt(@TempDir Path dir)
      throws Exception {
    try (Tmpfs small = Tmpfs.mount(dir, "size=64m")) {
      small.fillLeaving(8L * 1024 * 1024);

      assertThat(
              refusalOf(
                  "run",
                  "--data-dir",
                  small.path().resolve("data").toString(),
                  "--disk-min-free-mb",
                  "32",
                  "--http-port",
                  "0"))
          .contains(small.path().resolve("data").toString(), "SALESPULSE_DISK_MIN_FREE_MB=32");
    }
  }

  /**
   * Runs the command and checks that it refuses to start as a bad configuration: exit code 2 and
   * one line starting with {@code salespulse: }, no stack trace. Returns that line.
   */
  private static String refusalOf(String... args) {
    CommandLine cli = SalesPulseCommand.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));

    int exit = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> cli.execute(args));

    assertThat(exit).as(err.toString()).isEqualTo(2);
    assertThat(err.toString()).startsWith("salespulse: ").doesNotContain("\tat ");
    assertThat(err.toString().strip().lines()).hasSize(1);
    return err.toString().strip();
  }
}
