package dev.salespulse.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.web.RunningApp;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's scripts as a browser gets them. The page loads its views as ES modules, which a
 * browser runs only when they come with a JavaScript MIME type: every script the page names and
 * every module those import (followed to the end) is served, as {@code text/javascript}, and every
 * script of the page's folder is reached that way (none is left out, none is missing).
 */
@Tag("slow")
class DashboardScriptsTest {
  private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>");
  private static final Pattern SRC = Pattern.compile("\\bsrc=\"([^\"]+)\"");
  private static final Pattern IMPORT =
      Pattern.compile(
          "^\\s*(?:import|export)\\s+(?:[^'\";]*?\\s+from\\s+)?'([^']+)'", Pattern.MULTILINE);

  @TempDir Path dataDir;

  @Test
  void everyScriptOfThePageAndEveryModuleItImportsIsServedAsJavaScript() {
    try (RunningApp running = RunningApp.start(dataDir, Clock.systemUTC(), Map.of())) {
      HttpResponse<String> page = running.get("/");
      assertThat(page.statusCode()).isEqualTo(200);

      Set<String> classic = new TreeSet<>();
      Set<String> modules = new TreeSet<>();
      Matcher script = SCRIPT.matcher(page.body());
      while (script.find()) {
        Matcher src = SRC.matcher(script.group(1));
        if (!src.find() || src.group(1).startsWith("/webjars/")) {
          continue; // libraries from their WebJars
        }
        String path = URI.create("http://page/").resolve(src.group(1)).getPath();
        (script.group(1).contains("type=\"module\"") ? modules : classic).add(path);
      }
      assertThat(classic).containsExactly("/view.js");
      assertThat(modules).containsExactly("/manager.js", "/wall.js");

      Map<String, String> served = new TreeMap<>(); // path → its Content-Type
      Deque<String> toFetch = new ArrayDeque<>(classic);
      toFetch.addAll(modules);
      while (!toFetch.isEmpty()) {
        String path = toFetch.pop();
        if (served.containsKey(path)) {
          continue;
        }
        HttpResponse<String> response = running.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        served.put(path, response.headers().firstValue("Content-Type").orElse(""));
        Matcher imported = IMPORT.matcher(response.body());
        while (imported.find()) {
          toFetch.push(URI.create("http://page" + path).resolve(imported.group(1)).getPath());
        }
      }

      assertThat(served.keySet()).isEqualTo(scriptsOfThePagesFolder());
      assertThat(served)
          .allSatisfy(
              (path, type) ->
                  assertThat(type.split(";")[0].trim()).as(path).isEqualTo("text/javascript"));
    }
  }

  /**
   * Every {@code .js} under the page's folder on the classpath, as a path from the site root. The
   * folder is in web's jar when the whole build runs, in web's classes when web is built alone.
   */
  private static Set<String> scriptsOfThePagesFolder() {
    try {
      URI folder = DashboardScriptsTest.class.getResource("/public").toURI();
      if (!"jar".equals(folder.getScheme())) {
        return scriptsUnder(Path.of(folder));
      }
      try {
        try (FileSystem jar = FileSystems.newFileSystem(folder, Map.of())) {
          return scriptsUnder(jar.getPath("/public"));
        }
      } catch (FileSystemAlreadyExistsException mounted) {
        // The service's static files mounted the jar already; it stays open for the service.
        return scriptsUnder(Path.of(folder));
      }
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Set<String> scriptsUnder(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      Set<String> scripts = new TreeSet<>();
      files
          .filter(file -> file.toString().endsWith(".js"))
          .forEach(file -> scripts.add("/" + root.relativize(file).toString().replace('\\', '/')));
      return scripts;
    }
  }
}
