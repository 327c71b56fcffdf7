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
 * The {@code ./salespulse} launcher's JVM flags and class-data archive, run by bash against a
 * stand-in {@code java} that records its arguments, says it is Java 17 (or {@code
 * FAKE_JAVA_VERSION}) and makes an archive when asked to, and a {@code mvn} that must not be
 * called: the jar in the copy is newer than its sources.
 */
class LauncherScriptTest {
  private static final String JIT_FLAGS =
      "-XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=20000"
          + " -XX:Tier4CompileThreshold=60000 -XX:Tier4BackEdgeThreshold=400000"
          + " -XX:MaxInlineLevel=9 -XX:FreqInlineSize=150";

  @TempDir Path dir;
  private Path repo;
  private Path jar;
  private Path archive;
  private Path aotCache;
  private Path archiveInfo;
  private Path javaLog;
  private final Instant past = Instant.now().minusSeconds(3_600);

  record Launch(int exitCode, String stderr, List<String> javaCalls) {}

  @BeforeEach
  void copyTheLauncherBesideAFakeBuild() throws IOException {
    repo = dir.resolve("repo");
    Path launcher = repo.resolve("salespulse");
    Files.createDirectories(repo.resolve("tools/target"));
    Files.createDirectories(repo.resolve("streams"));
    Files.createDirectories(repo.resolve("web"));
    Files.copy(RepoFiles.root().resolve("salespulse"), launcher);
    Files.writeString(repo.resolve("pom.xml"), "<project/>");
    for (String source : List.of("pom.xml", "streams", "web", "tools")) {
      Files.setLastModifiedTime(repo.resolve(source), FileTime.from(past));
    }
    jar = repo.resolve("tools/target/salespulse.jar");
    Files.writeString(jar, "jar");
    Files.setLastModifiedTime(jar, FileTime.from(past.plusSeconds(60)));
    Files.setLastModifiedTime(repo.resolve("tools/target"), FileTime.from(past));
    Files.setLastModifiedTime(repo.resolve("tools"), FileTime.from(past));
    archive = repo.resolve("tools/target/salespulse.jsa");
    aotCache = repo.resolve("tools/target/salespulse.aot");
    archiveInfo = repo.resolve("tools/target/salespulse.archive");

    Path bin = Files.createDirectories(dir.resolve("bin"));
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
        for arg in "$@"; do
          case "$arg" in
            -XX:ArchiveClassesAtExit=*|-XX:AOTCacheOutput=*)
              [ "$FAKE_TRAINING" = fails ] && { echo "training failed" >&2; exit 1; }
              echo archive > "${arg#*=}";;
          esac
        done
        """);
    executable(bin.resolve("mvn"), "#!/usr/bin/env bash\necho unexpected build >&2\nexit 1\n");
  }

  @Test
  void firstLaunchPreparesTheArchiveOnceAndEveryLaunchUsesIt() throws Exception {
    Launch first = launch(Map.of(), "--version");
    Launch second = launch(Map.of(), "--version");

    assertThat(first.exitCode()).isZero();
    assertThat(first.stderr()).contains("Preparing a class-data archive");
    assertThat(first.javaCalls()).hasSize(2);
    assertThat(first.javaCalls().get(0))
        .startsWith("MALLOC_ARENA_MAX=2 " + JIT_FLAGS + " -Xmx576m -XX:ArchiveClassesAtExit=")
        .contains("-jar " + jar + " bench --serving --events 20000");
    assertThat(archive).hasContent("archive");
    assertThat(first.javaCalls().get(1))
        .isEqualTo(
            "MALLOC_ARENA_MAX=2 "
                + JIT_FLAGS
                + " -Xmx576m -XX:SharedArchiveFile="
                + archive
                + " -jar "
                + jar
                + " --version");
    assertThat(second.stderr()).doesNotContain("Preparing");
    assertThat(second.javaCalls()).containsExactly(first.javaCalls().get(1));
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
                + JIT_FLAGS
                + " -Xmx576m -XX:AOTCache="
                + aotCache
                + " -Xlog:aot*=error -jar "
                + jar
                + " --version");
  }

  @Test
  void javaOptsComeAfterTheLaunchersFlagsSoTheyOverrideThem() throws Exception {
    Launch launch =
        launch(
            Map.of("JAVA_OPTS", "-Xmx2g -XX:FreqInlineSize=325", "MALLOC_ARENA_MAX", "8"), "run");

    assertThat(launch.javaCalls().get(1))
        .isEqualTo(
            "MALLOC_ARENA_MAX=8 "
                + JIT_FLAGS
                + " -Xmx2g -XX:FreqInlineSize=325 -XX:SharedArchiveFile="
                + archive
                + " -jar "
                + jar
                + " run");
  }

  @Test
  void aFailedTrainingRunsWithoutTheArchiveAndSaysSo() throws Exception {
    Launch launch = launch(Map.of("FAKE_TRAINING", "fails"), "demo");

    assertThat(launch.exitCode()).isZero();
    assertThat(launch.stderr())
        .contains("No class-data archive")
        .contains("salespulse-archive.log");
    assertThat(archive).doesNotExist();
    assertThat(archiveInfo).doesNotExist();
    assertThat(repo.resolve("tools/target")).isDirectoryNotContaining("glob:**.tmp.*");
    assertThat(launch.javaCalls().get(1)).doesNotContain("SharedArchiveFile").endsWith(" demo");
  }

  @Test
  void aJarNewerThanTheArchiveOrAnotherJavaMakesANewArchive() throws Exception {
    launch(Map.of(), "--version");
    Files.setLastModifiedTime(archive, FileTime.from(past));

    Launch afterBuild = launch(Map.of(), "--version");
    assertThat(afterBuild.stderr()).contains("Preparing a class-data archive");

    Files.writeString(archiveInfo, "/other/java 1\ncds\n" + archive + "\n");
    Launch afterJavaChanged = launch(Map.of(), "--version");
    assertThat(afterJavaChanged.stderr()).contains("Preparing a class-data archive");
    assertThat(afterJavaChanged.javaCalls().get(1)).contains("-XX:SharedArchiveFile=" + archive);
  }

  @Test
  void cdsOffSkipsTheArchive() throws Exception {
    Launch launch = launch(Map.of("SALESPULSE_CDS", "off"), "--version");

    assertThat(launch.stderr()).doesNotContain("class-data");
    assertThat(launch.javaCalls())
        .containsExactly(
            "MALLOC_ARENA_MAX=2 " + JIT_FLAGS + " -Xmx576m -jar " + jar + " --version");
  }

  private Launch launch(Map<String, String> env, String... args) throws Exception {
    Files.deleteIfExists(javaLog);
    ProcessBuilder builder = new ProcessBuilder();
    builder.command().add("bash");
    builder.command().add(repo.resolve("salespulse").toString());
    builder.command().addAll(List.of(args));
    builder.environment().remove("JAVA_OPTS");
    builder.environment().remove("MALLOC_ARENA_MAX");
    builder.environment().remove("SALESPULSE_CDS");
    builder.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
    builder.environment().put("FAKE_JAVA_LOG", javaLog.toString());
    builder.environment().putAll(env);
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Path stderr = dir.resolve("stderr.txt");
    builder.redirectError(stderr.toFile());
    Process process = builder.start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
    List<String> calls =
        Files.exists(javaLog) ? Files.readAllLines(javaLog, StandardCharsets.UTF_8) : List.of();
    return new Launch(process.exitValue(), Files.readString(stderr), calls);
  }

  private static void executable(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
