package dev.salespulse.web.disk;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Free space of a real small file system (a tmpfs) as it fills and empties again. */
@Tag("slow")
class DiskSpaceWatcherTest {
  private static final long MB = 1024L * 1024;

  @Test
  void reportsFreeSpaceAndSaysWhenItFallsBelowATenthAndRecovers(@TempDir Path dir)
      throws Exception {
    try (Tmpfs disk = Tmpfs.mount(dir, "size=32m")) {
      Path state = Files.createDirectories(disk.path().resolve("state"));
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      try (DiskSpaceWatcher watcher =
          new DiskSpaceWatcher(
              List.of(
                  new DataDirectory("data", "data directory", disk.path()),
                  new DataDirectory("state", "state directory", state)),
              registry)) {
        assertThat(registry.get("disk.total").tag("directory", "state").gauge().value())
            .isEqualTo(32.0 * MB);
        assertThat(registry.find("disk.free").tag("directory", "data").gauge()).isNull();

        disk.fillLeaving(2 * MB);
        watcher.check();

        assertThat(watcher.isLow("state")).isTrue();
        assertThat(registry.get("disk.free").tag("directory", "state").gauge().value())
            .isLessThan(0.1 * 32 * MB);

        Files.delete(disk.path().resolve("filler"));
        watcher.check();

        assertThat(watcher.isLow("state")).isFalse();
        assertThat(registry.get("disk.free").tag("directory", "state").gauge().value())
            .isGreaterThan(0.9 * 32 * MB);
      }
    }
  }
}
