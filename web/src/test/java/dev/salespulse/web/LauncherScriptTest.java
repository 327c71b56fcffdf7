package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./salespulse} launcher's JVM flags and class-data archive, run by bash from a copy in
 * a path with a space, against a stand-in {@code java} that records its arguments, its pid and the
 * {@code SALESPULSE_*} variables it was given, says it is Java 17 (or {@code FAKE_JAVA_VERSION})
 * and makes an archive when asked to (or a half one and fails, with {@code FAKE_TRAINING=fails}),
 * and a {@code mvn} that must not be called: the jar in the copy is newer than its sources.
 */
class LauncherScriptTest {
  static final String JVM_FLAGS =
      "-XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=20000"
          + " -XX:Tier4CompileThreshold=60000 -XX:Tier4BackEdgeThreshold=400000"
          + " -XX:MaxInlineLevel=9 -XX:FreqInlineSize=150"
          + " -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=75";

  @TempDir Path dir;
  private final Instant past = Instant.now().minusSeconds(3_600);
  private Path repo;
  private Path bin;
  private Path jar;
  private Path archive;
  private Path aotCache;
  private Path archiveInfo;
  private Path javaLog;

  /**
   * @param javaCalls the stand-in java's arguments, one line per call, after the value of {@code
   *     MALLOC_ARENA_MAX} it was given
   * @param salespulseEnv per call, the {@code SALESPULSE_*} variables it was given
   * @param javaPid the pid of the last call
   */
  record Launch(
      int exitCode,
      long launcherPid,
      String stderr,
      List<String> javaCalls,
      List<String> salespulseEnv,
      long javaPid) {}

  @BeforeEach
  void copyTheLauncherBesideAFakeBuild() throws IOException {
    repo = dir.resolve("my repo");
    Files.createDirectories(repo.resolve("tools/target"));
    Files.createDirectories(repo.resolve("streams"));
    Files.createDirectories(repo.resolve("web"));
    Files.copy(RepoFiles.root().resolve("salespulse"), repo.resolve("salespulse"));
    Files.writeString(repo.resolve("pom.xml"), "<project/>");
    for (String source : List.of("pom.xml", "streams", "web", "tools")) {
      Files.setLastModifiedTime(repo.resolve(source), FileTime.from(past));
    }
    jar = repo.resolve("tools/target/salespulse.jar");
    Files.writeString(jar, "jar");
    Files.setLastModifiedTime(jar, FileTime.from(past.plusSeconds(60)));
    archive = repo.resolve("tools/target/salespulse.jsa");
    aotCache = repo.resolve("tools/target/salespulse.aot");
    archiveInfo = repo.resolve("tools/target/salespulse.archive");

    bin = Files.createDirectories(dir.resolve("bin"));
    javaLog = dir.resolve("java-calls.log");
    executable(
        bin.resolve("java"),
        """
        #!/usr/bin/env bash
        if [ "$1" = -XshowSettings:properties ]; then
          echo "    java.specification.version = ${FAKE_JAVA_VERSION:-17}" >&2
          exit 0
        fi
        echo "MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX $*" >> "$FAKE_JAVA_LOG"
        env | grep '^SALESPULSE_' | sort | tr '\\n' ' ' >> "$FAKE_JAVA_LOG.env"
        echo >> "$FAKE_JAVA_LOG.env"
        echo $$ > "$FAKE_JAVA_LOG.pid"
        for arg in "$@"; do
          case "$arg" in
            -XX:ArchiveClassesAtExit=*|-XX:AOTCacheOutput=*)
              if [ "$FAKE_TRAINING" = fails ]; then
                echo half > "${arg#*=}"
                echo "training failed" >&2
                exit 1
              fi
              echo archive > "${arg#*=}";;
          esac
        done
        """);
    executable(bin.resolve("mvn"), "#!/usr/bin/env bash\necho unexpected build >&2\nexit 1\n");
  }

  @Test
  void firstLaunchPreparesTheArchiveOnceAndEveryLaunchExecsJavaWithIt() throws Exception {
    Launch first = launch(Map.of(), "--version");
    Launch second = launch(Map.of(), "--version");

    assertThat(first.exitCode()).isZero();
    assertThat(first.stderr()).contains("Preparing a class-data archive");
    assertThat(first.javaCalls()).hasSize(2);
    assertThat(first.javaCalls().get(0))
        .startsWith("MALLOC_ARENA_MAX=2 " + JVM_FLAGS + " -Xmx576m -XX:ArchiveClassesAtExit=")
        .contains("-jar " + jar + " bench --serving --events 20000");
    assertThat(archive).hasContent("archive");
    String run =
        "MALLOC_ARENA_MAX=2 "
            + JVM_FLAGS
            + " -Xmx576m -XX:SharedArchiveFile="
            + archive
            + " -jar "
            + jar
            + " --version";
    assertThat(first.javaCalls().get(1)).isEqualTo(run);
    assertThat(second.stderr()).isEmpty();
    assertThat(second.javaCalls()).containsExactly(run);
    assertThat(second.javaPid())
        .as("exec: java is the launcher's process")
        .isEqualTo(second.launcherPid());
  }

  @Test
  void onJava25AndLaterTheArchiveIsAnAotCache() throws Exception {
    Launch launch = launch(Map.of("FAKE_JAVA_VERSION", "25"), "--version");

    assertThat(launch.javaCalls().get(0))
        .contains("-Xmx576m -XX:AOTCacheOutput=" + aotCache + ".tmp.")
        .contains(" bench --serving ");
    assertThat(aotCache).hasContent("archive");
    assertThat(archive).doesNotExist();
    assertThat(launch.javaCalls().get(1))
        .isEqualTo(
            "MALLOC_ARENA_MAX=2 "
                + JVM_FLAGS
                + " -Xmx576m -XX:AOTCache="
                + aotCache
                + " -Xlog:aot*=error -jar "
                + jar
                + " --version");
  }

  @Test
  void otherJavaOptsMakeANewAotCacheButKeepTheClassDataArchive() throws Exception {
    Map<String, String> java25 = Map.of("FAKE_JAVA_VERSION", "25");
    launch(java25, "--version");
    Launch sameOpts = launch(java25, "--version");
    Launch otherOpts =
        launch(Map.of("FAKE_JAVA_VERSION", "25", "JAVA_OPTS", "-XX:+UseZGC"), "--version");

    assertThat(sameOpts.stderr()).isEmpty();
    assertThat(otherOpts.stderr()).contains("Preparing a class-data archive");

    launch(Map.of(), "--version");
    Launch java17OtherOpts = launch(Map.of("JAVA_OPTS", "-Xmx1g"), "--version");
    assertThat(java17OtherOpts.stderr()).isEmpty();
    assertThat(java17OtherOpts.javaCalls().get(0)).contains("-XX:SharedArchiveFile=" + archive);
  }

  @Test
  void javaOptsComeAfterTheLaunchersFlagsSoTheyOverrideThemAndTheTrainingGetsThemToo()
      throws Exception {
    Launch launch =
        launch(
            Map.of("JAVA_OPTS", "-Xmx2g -XX:FreqInlineSize=325", "MALLOC_ARENA_MAX", "8"), "run");

    assertThat(launch.javaCalls().get(0))
        .startsWith(
            "MALLOC_ARENA_MAX=8 "
                + JVM_FLAGS
                + " -Xmx2g -XX:FreqInlineSize=325 -XX:ArchiveClassesAtExit=");
    assertThat(launch.javaCalls().get(1))
        .isEqualTo(
            "MALLOC_ARENA_MAX=8 "
                + JVM_FLAGS
                + " -Xmx2g -XX:FreqInlineSize=325 -XX:SharedArchiveFile="
                + archive
                + " -jar "
                + jar
                + " run");
  }

  @Test
  void theTrainingBenchGetsNoneOfTheServicesSettingsAndTheServiceNotTheLaunchers()
      throws Exception {
    Launch launch =
        launch(Map.of("SALESPULSE_TOPIC_REPLICATION", "3", "SALESPULSE_CDS", "on"), "run");

    assertThat(launch.salespulseEnv()).hasSize(2);
    assertThat(launch.salespulseEnv().get(0)).as("the training bench's").isBlank();
    assertThat(launch.salespulseEnv().get(1))
        .as("the service's")
        .isEqualTo("SALESPULSE_TOPIC_REPLICATION=3 ");
  }

  @Test
  void aFailedTrainingLeavesNothingRunsWithoutTheArchiveAndWaitsForTheNextBuild() throws Exception {
    Launch failed = launch(Map.of("FAKE_TRAINING", "fails"), "demo");
    Launch next = launch(Map.of(), "demo");

    assertThat(failed.exitCode()).isZero();
    assertThat(failed.stderr())
        .contains("No class-data archive")
        .contains("salespulse-archive.log");
    assertThat(archive).doesNotExist();
    assertThat(repo.resolve("tools/target")).isDirectoryNotContaining("glob:**.tmp.*");
    assertThat(failed.javaCalls().get(1)).doesNotContain("SharedArchiveFile").endsWith(" demo");
    assertThat(next.stderr()).as("not tried again before a build").isEmpty();
    assertThat(next.javaCalls()).hasSize(1);
    assertThat(next.javaCalls().get(0)).doesNotContain("SharedArchiveFile");

    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
    Launch afterBuild = launch(Map.of(), "demo");
    assertThat(afterBuild.stderr()).contains("Preparing a class-data archive");
    assertThat(afterBuild.javaCalls().get(1)).contains("-XX:SharedArchiveFile=" + archive);
  }

  @Test
  void aJarNewerThanTheArchiveOrAnotherJavaOrAMissingArchiveMakesANewOne() throws Exception {
    launch(Map.of(), "--version");
    Files.setLastModifiedTime(archive, FileTime.from(past));
    assertThat(launch(Map.of(), "--version").stderr()).contains("Preparing a class-data archive");

    Files.writeString(archiveInfo, "/other/java 1\ncds\n" + archive + "\n");
    assertThat(launch(Map.of(), "--version").stderr()).contains("Preparing a class-data archive");

    Files.delete(archive);
    Launch afterDeleted = launch(Map.of(), "--version");
    assertThat(afterDeleted.stderr()).contains("Preparing a class-data archive");
    assertThat(afterDeleted.javaCalls().get(1)).contains("-XX:SharedArchiveFile=" + archive);
  }

  @Test
  void cdsOffSkipsTheArchive() throws Exception {
    Launch launch = launch(Map.of("SALESPULSE_CDS", "off"), "--version");

    assertThat(launch.stderr()).isEmpty();
    assertThat(launch.javaCalls())
        .containsExactly(
            "MALLOC_ARENA_MAX=2 " + JVM_FLAGS + " -Xmx576m -jar " + jar + " --version");
    assertThat(launch.salespulseEnv()).containsExactly("");
  }

  @Test
  void withoutJavaOnThePathItSaysSo() throws Exception {
    Path bare = Files.createDirectories(dir.resolve("bare"));
    Files.createSymbolicLink(bare.resolve("dirname"), Path.of(which("dirname")));

    Launch launch = launch(Map.of("PATH", bare.toString()), "demo");

    assertThat(launch.exitCode()).isEqualTo(1);
    assertThat(launch.stderr()).startsWith("salespulse: no java on the PATH");
  }

  @Test
  void theImageStartsJavaWithTheSameJvmFlagsBeforeJavaOpts() throws IOException {
    assertThat(Files.readString(RepoFiles.root().resolve("docker/Dockerfile")))
        .contains("exec java " + JVM_FLAGS + " $JAVA_OPTS -jar ");
  }

  private Launch launch(Map<String, String> env, String... args) throws Exception {
    for (String log : List.of("", ".env", ".pid")) {
      Files.deleteIfExists(Path.of(javaLog + log));
    }
    ProcessBuilder builder = new ProcessBuilder();
    builder.command().add(which("bash"));
    builder.command().add(repo.resolve("salespulse").toString());
    builder.command().addAll(List.of(args));
    builder.environment().keySet().removeIf(name -> name.startsWith("SALESPULSE_"));
    builder.environment().remove("JAVA_OPTS");
    builder.environment().remove("MALLOC_ARENA_MAX");
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().put("FAKE_JAVA_LOG", javaLog.toString());
    builder.environment().putAll(env);
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Path stderr = dir.resolve("stderr.txt");
    builder.redirectError(stderr.toFile());
    Process process = builder.start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the launcher did not end within 30 s");
    }
    Path pid = Path.of(javaLog + ".pid");
    return new Launch(
        process.exitValue(),
        process.pid(),
        Files.readString(stderr),
        lines(javaLog),
        lines(Path.of(javaLog + ".env")),
        Files.exists(pid) ? Long.parseLong(Files.readString(pid).strip()) : -1);
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
  }

  private static String which(String tool) {
    for (String entry : System.getenv("PATH").split(":")) {
      Path candidate = Path.of(entry, tool);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException(tool + " is not on the PATH");
  }

  private static void executable(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
