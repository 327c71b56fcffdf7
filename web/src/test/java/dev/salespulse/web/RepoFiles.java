package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository outside the Maven modules: dashboards/, docker/, docs/. */
final class RepoFiles {
  private RepoFiles() {}

  /** The repository root: Maven runs the web module's tests in web/. */
  static Path root() {
    Path here = Path.of("").toAbsolutePath();
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("dashboards")) && Files.isDirectory(dir.resolve("web"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root (with dashboards/ and web/) above " + here);
  }

  static Path dashboards() {
    return root().resolve("dashboards");
  }

  static Path existing(Path path) {
    assertThat(path).as("file of the repository").exists();
    return path;
  }
}
