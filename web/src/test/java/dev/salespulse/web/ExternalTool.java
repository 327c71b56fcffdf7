package dev.salespulse.web;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real command-line tool the build checks the deployment files with (promtool, amtool,
 * prometheus, docker-compose). A missing tool fails the test with what to install: CI installs them
 * ({@code .ci/run}), and a check that silently skipped would prove nothing.
 */
record ExternalTool(String name, Path executable, String debianPackage) {

  record Result(int exitCode, String output) {}

  static ExternalTool require(String name, String debianPackage) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return new ExternalTool(name, candidate, debianPackage);
      }
    }
    return fail(
        "'%s' is not on the PATH (%s): install the Debian package '%s' (.ci/run does)",
        name, path, debianPackage);
  }

  /** Runs the tool to completion, output and errors together, failing the test on a timeout. */
  Result run(Path workDir, Duration timeout, String... arguments) {
    return run(workDir, timeout, Map.of(), arguments);
  }

  /** As {@link #run(Path, Duration, String...)}, with {@code environment} added to this one's. */
  Result run(Path workDir, Duration timeout, Map<String, String> environment, String... arguments) {
    List<String> command = new java.util.ArrayList<>();
    command.add(executable.toString());
    command.addAll(List.of(arguments));
    try {
      Path output = Files.createTempFile(name + "-", ".log");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          return fail("%s did not finish within %s", command, timeout);
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
