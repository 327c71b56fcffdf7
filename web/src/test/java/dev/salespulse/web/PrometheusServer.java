package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.web.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Prometheus server ({@code /usr/bin/prometheus} from Debian's package) for a test: its own
 * storage in a temporary directory, listening on loopback on a free port, with the given
 * configuration. Stopped (SIGTERM, then killed) on close; its log is kept for failure messages.
 */
final class PrometheusServer implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private PrometheusServer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  static PrometheusServer start(Path dir, String configYaml) {
    ExternalTool prometheus = ExternalTool.require("prometheus", "prometheus");
    try {
      Path config = Files.writeString(dir.resolve("prometheus.yml"), configYaml);
      Path log = dir.resolve("prometheus.log");
      int port = freePort();
      Process process =
          new ProcessBuilder(
                  prometheus.executable().toString(),
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("data")),
                  "--web.listen-address=127.0.0.1:" + port)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      PrometheusServer server = new PrometheusServer(process, log, port);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start Prometheus", e);
    }
  }

  private void awaitReady() {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              assertThat(process.isAlive()).as("Prometheus runs; its log:%n%s", log()).isTrue();
              assertThat(status("/-/ready")).isEqualTo(200);
            });
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private int status(String path) {
    try {
      return http.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GET of an API path; the answer's JSON, whatever its status (errors are JSON too). */
  JsonNode api(String pathAndQuery) {
    try {
      HttpResponse<String> response =
          http.send(request(pathAndQuery), HttpResponse.BodyHandlers.ofString());
      return Json.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An instant query: {@code data.result}, or an assertion error with Prometheus's error. */
  JsonNode query(String promQl) {
    JsonNode answer =
        api("/api/v1/query?query=" + URLEncoder.encode(promQl, StandardCharsets.UTF_8));
    assertThat(answer.path("status").asText())
        .as("query %s: %s", promQl, answer.path("error").asText())
        .isEqualTo("success");
    return answer.path("data").path("result");
  }

  /** Names of every metric Prometheus holds samples of (scraped or recorded). */
  List<String> metricNames() {
    JsonNode names = api("/api/v1/label/__name__/values").path("data");
    return java.util.stream.StreamSupport.stream(names.spliterator(), false)
        .map(JsonNode::asText)
        .collect(Collectors.toList());
  }

  private HttpRequest request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
        .timeout(Duration.ofSeconds(10))
        .GET()
        .build();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
