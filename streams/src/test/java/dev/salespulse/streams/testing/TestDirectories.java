package dev.salespulse.streams.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Scratch directories for RocksDB state, under {@code target/test-state} of the module.
 *
 * <p>Surefire points {@code java.io.tmpdir} at {@code target/tmp} but nothing creates that
 * directory, so RocksDB cannot unpack its native library (and JUnit's {@code @TempDir} fails) on a
 * fresh build; {@link #create} makes sure it exists. State is not put there because Kafka Streams
 * warns about a {@code state.dir} inside the OS temp directory.
 */
public final class TestDirectories {
  private static final Path STATE_ROOT = Path.of("target", "test-state").toAbsolutePath();

  private TestDirectories() {}

  public static Path create(String prefix) {
    try {
      Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
      return Files.createTempDirectory(Files.createDirectories(STATE_ROOT), prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void delete(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(TestDirectories::deleteOne);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteOne(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
