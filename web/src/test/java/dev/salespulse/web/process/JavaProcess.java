package dev.salespulse.web.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A main class of this project run in a JVM of its own, with the test class path, as an operator's
 * supervisor would run it: its output goes to a log file, it can be stopped with SIGTERM or killed
 * with SIGKILL (what an out-of-memory killer or a power cut does to it).
 */
public final class JavaProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private JavaProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * @param env the child's environment: only these variables, plus PATH and JAVA_HOME
   * @param log where the child's output goes (appended, so restarts keep one log)
   */
  public static JavaProcess start(
      Class<?> mainClass, List<String> args, Map<String, String> env, Path log) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx768m");
    command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder
        .environment()
        .keySet()
        .removeIf(name -> !name.equals("PATH") && !name.equals("JAVA_HOME"));
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      Files.createDirectories(log.getParent());
      return new JavaProcess(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + mainClass.getName(), e);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
  public void kill() {
    process.destroyForcibly();
    awaitExit();
  }

  /** SIGTERM, as Ctrl-C or {@code docker stop} sends it; waits for the exit. */
  public void stop() {
    process.destroy();
    awaitExit();
  }

  public Path log() {
    return log;
  }

  private void awaitExit() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop();
    }
  }
}
