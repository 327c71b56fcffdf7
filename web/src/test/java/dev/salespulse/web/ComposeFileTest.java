package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/compose.yaml as {@code docker-compose config} (Debian's docker-compose 1.29; no Docker
 * engine needed) reads it: valid, every file or directory it mounts or builds from exists in the
 * repository, and it describes the cluster docs/deploy.md promises — three KRaft brokers, two
 * SalesPulse instances with standby replicas that advertise their own service address (and are what
 * Prometheus scrapes), the simulator, Prometheus, Alertmanager and Grafana with the repository's
 * files. Plus the Dockerfile: multi-stage, non-root, health check on /health/live.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComposeFileTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(1);
  private static final Pattern TARGET = Pattern.compile("\"([\\w.-]+:\\d+)\"");

  private final Path root = RepoFiles.root();
  private JsonNode services;

  /** The secrets of docker/.env, as an operator fills them in: every one different. */
  private static final Map<String, String> SECRETS =
      Map.of(
          "SALESPULSE_VIEWER_TOKEN", "viewer-5d1c",
          "SALESPULSE_INGEST_TOKEN", "ingest-77ab",
          "SALESPULSE_CLUSTER_TOKEN", "cluster-0e93",
          "SALESPULSE_METRICS_TOKEN", "metrics-a4f2",
          "GRAFANA_ADMIN_PASSWORD", "grafana-c81b");

  private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{(\\w+):\\?");

  private final ExternalTool compose = ExternalTool.require("docker-compose", "docker-compose");
  private Path envFile;

  @BeforeAll
  void readTheComposeFileAsDockerComposeDoes(@TempDir Path dir) throws IOException {
    StringBuilder env = new StringBuilder();
    SECRETS.forEach((name, value) -> env.append(name).append('=').append(value).append('\n'));
    envFile = Files.writeString(dir.resolve(".env"), env);
    ExternalTool.Result result =
        compose.run(
            root,
            TIMEOUT,
            "--env-file",
            envFile.toString(),
            "--file",
            "docker/compose.yaml",
            "config");
    assertThat(result.exitCode()).as("docker-compose config:%n%s", result.output()).isZero();
    String normalised = result.output().substring(result.output().indexOf("services:"));
    services = new ObjectMapper(new YAMLFactory()).readTree(normalised).path("services");
    assertThat(services.size()).as("services").isPositive();
  }

  @Test
  void everyMountedOrBuiltFileExistsInTheRepository() {
    List<String> checked = new ArrayList<>();
    for (Map.Entry<String, JsonNode> service : services.properties()) {
      for (JsonNode volume : service.getValue().path("volumes")) {
        String source =
            volume.isTextual() ? volume.asText().split(":")[0] : volume.path("source").asText();
        if (source.startsWith("/")) {
          Path path = Path.of(source);
          assertThat(path).as("mount of %s", service.getKey()).exists().startsWith(root);
          checked.add(source);
        }
      }
      JsonNode build = service.getValue().path("build");
      if (!build.isMissingNode()) {
        Path context = Path.of(build.path("context").asText());
        assertThat(context).as("build context of %s", service.getKey()).isDirectory();
        assertThat(context.resolve(build.path("dockerfile").asText())).exists();
        checked.add(build.path("dockerfile").asText());
      }
    }
    assertThat(checked).hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  void threeKraftBrokersOfTheOfficialImageFormOneQuorum() {
    Map<String, JsonNode> brokers = servicesWithImage("apache/kafka:");
    assertThat(brokers).hasSize(3);
    Set<String> nodeIds = new TreeSet<>();
    for (JsonNode broker : brokers.values()) {
      JsonNode env = broker.path("environment");
      assertThat(env.path("KAFKA_PROCESS_ROLES").asText())
          .contains("broker")
          .contains("controller");
      assertThat(env.path("KAFKA_CONTROLLER_QUORUM_VOTERS").asText().split(",")).hasSize(3);
      assertThat(env.path("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR").asText()).isEqualTo("3");
      nodeIds.add(env.path("KAFKA_NODE_ID").asText());
    }
    assertThat(nodeIds).containsExactly("1", "2", "3");
  }

  @Test
  void twoSalesPulseInstancesWithStandbysAdvertiseThemselvesAndArePrometheusTargets()
      throws IOException {
    Map<String, JsonNode> instances = new TreeMap<>();
    services
        .properties()
        .forEach(
            s -> {
              if (s.getValue().path("environment").has("SALESPULSE_ADVERTISED_URL")) {
                instances.put(s.getKey(), s.getValue());
              }
            });
    assertThat(instances).hasSizeGreaterThanOrEqualTo(2);
    Set<String> advertised = new TreeSet<>();
    instances.forEach(
        (name, service) -> {
          JsonNode env = service.path("environment");
          assertThat(env.path("SALESPULSE_ADVERTISED_URL").asText()).isEqualTo(name + ":7070");
          assertThat(env.path("SALESPULSE_KAFKA_NUM_STANDBY_REPLICAS").asText()).isEqualTo("1");
          assertThat(env.path("SALESPULSE_TOPIC_REPLICATION").asText()).isEqualTo("3");
          assertThat(env.path("SALESPULSE_BOOTSTRAP_SERVERS").asText().split(",")).hasSize(3);
          // docker stop kills after 10 s unless told otherwise; Streams may take up to 30 s to
          // close cleanly under exactly-once, and a kill can cost the instance its local state.
          assertThat(service.path("stop_grace_period").asText())
              .as("stop_grace_period of %s", name)
              .matches("([4-9][0-9]|[1-9][0-9]{2,})s");
          advertised.add(env.path("SALESPULSE_ADVERTISED_URL").asText());
        });
    String prometheusYml = Files.readString(root.resolve("dashboards/prometheus/prometheus.yml"));
    String salespulseJob = prometheusYml.substring(prometheusYml.indexOf("job_name: salespulse"));
    salespulseJob = salespulseJob.substring(0, salespulseJob.indexOf("- job_name", 1));
    Set<String> targets = new TreeSet<>();
    Matcher target = TARGET.matcher(salespulseJob);
    while (target.find()) {
      targets.add(target.group(1));
    }
    assertThat(targets).isEqualTo(advertised);
  }

  @Test
  void theSimulatorAndTheMonitoringStackRunWithTheRepositorysFiles() {
    assertThat(services.path("simulator").path("command").get(0).asText()).isEqualTo("simulate");
    // `simulate` is in the tools' jar, not in the service's image.
    assertThat(services.path("simulator").path("build").path("args").path("MODULE").asText())
        .isEqualTo("tools");
    assertThat(
            services.path("salespulse-1").path("build").path("args").path("MODULE").isMissingNode())
        .isTrue();
    assertThat(mounts("prometheus"))
        .contains(
            root.resolve("dashboards/prometheus/prometheus.yml")
                + ":/etc/prometheus/prometheus.yml")
        .contains(root.resolve("dashboards/prometheus/rules") + ":/etc/prometheus/rules");
    assertThat(mounts("alertmanager"))
        .contains(root.resolve("dashboards/alertmanager") + ":/etc/alertmanager");
    assertThat(mounts("grafana"))
        .contains(root.resolve("dashboards/grafana/provisioning") + ":/etc/grafana/provisioning")
        .contains(
            root.resolve("dashboards/grafana/dashboards")
                + ":/var/lib/grafana/dashboards/salespulse");
    assertThat(servicesWithImage("prom/prometheus:")).containsOnlyKeys("prometheus");
    assertThat(servicesWithImage("prom/alertmanager:")).containsOnlyKeys("alertmanager");
    assertThat(servicesWithImage("grafana/grafana:")).containsOnlyKeys("grafana");
  }

  @Test
  void theImageIsBuiltWithMavenAndRunsAsANonRootUserWithAHealthCheck() throws IOException {
    String dockerfile = Files.readString(root.resolve("docker/Dockerfile"));
    assertThat(Pattern.compile("(?m)^FROM ").matcher(dockerfile).results().count()).isEqualTo(2);
    assertThat(dockerfile).containsPattern("(?m)^FROM maven:\\S+ AS build");
    assertThat(dockerfile).containsPattern("(?m)^RUN mvn .*package");
    // By default the production jar: web/ without the embedded broker, the demo and the tools.
    assertThat(dockerfile)
        .containsPattern("(?m)^ARG MODULE=web$")
        .containsPattern("(?m)^RUN mvn .*-pl \\$\\{MODULE} -am .*package")
        .contains("COPY --from=build /src/${MODULE}/target/salespulse.jar ");
    Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile);
    assertThat(user.find()).as("a USER instruction").isTrue();
    assertThat(user.group(1)).doesNotStartWith("root").doesNotStartWith("0");
    assertThat(dockerfile).containsPattern("(?s)HEALTHCHECK .*CMD .*/health/live");
  }

  @Test
  void everySecretComesFromTheEnvFileWithoutADefault() throws IOException {
    for (String instance : List.of("salespulse-1", "salespulse-2")) {
      JsonNode env = services.path(instance).path("environment");
      for (String token :
          List.of(
              "SALESPULSE_VIEWER_TOKEN",
              "SALESPULSE_INGEST_TOKEN",
              "SALESPULSE_CLUSTER_TOKEN",
              "SALESPULSE_METRICS_TOKEN")) {
        assertThat(env.path(token).asText())
            .as("%s of %s", token, instance)
            .isEqualTo(SECRETS.get(token));
      }
    }
    assertThat(
            services
                .path("grafana")
                .path("environment")
                .path("GF_SECURITY_ADMIN_PASSWORD")
                .asText())
        .isEqualTo(SECRETS.get("GRAFANA_ADMIN_PASSWORD"));
    assertThat(
            services
                .path("prometheus")
                .path("environment")
                .path("SALESPULSE_METRICS_TOKEN")
                .asText())
        .isEqualTo(SECRETS.get("SALESPULSE_METRICS_TOKEN"));

    String composeFile = Files.readString(root.resolve("docker/compose.yaml"));
    Set<String> required = new TreeSet<>();
    REQUIRED_VARIABLE.matcher(composeFile).results().forEach(m -> required.add(m.group(1)));
    assertThat(required).isEqualTo(SECRETS.keySet());
    String example = Files.readString(root.resolve("docker/.env.example"));
    for (String name : required) {
      assertThat(example).as("docker/.env.example").containsPattern("(?m)^" + name + "=$");
    }
    // Copied as it is, the example starts nothing: every secret must be filled in first.
    ExternalTool.Result unfilled =
        compose.run(
            root,
            TIMEOUT,
            "--env-file",
            "docker/.env.example",
            "--file",
            "docker/compose.yaml",
            "config");
    assertThat(unfilled.exitCode()).as(unfilled.output()).isNotZero();
    assertThat(unfilled.output()).contains("set it in docker/.env");

    ExternalTool git = ExternalTool.require("git", "git");
    assertThat(git.run(root, TIMEOUT, "check-ignore", "-q", "docker/.env").exitCode())
        .as("git ignores docker/.env")
        .isZero();
    assertThat(git.run(root, TIMEOUT, "check-ignore", "-q", "docker/.env.example").exitCode())
        .as("git keeps docker/.env.example")
        .isEqualTo(1);
  }

  @Test
  void prometheusScrapesWithTheMetricsTokenFromAFileItsConfigurationNames() throws IOException {
    JsonNode prometheus = services.path("prometheus");
    // Prometheus resolves credentials_file against the directory of its configuration file.
    String prometheusYml = Files.readString(root.resolve("dashboards/prometheus/prometheus.yml"));
    Matcher file = Pattern.compile("credentials_file: (\\S+)").matcher(prometheusYml);
    assertThat(file.find()).as("credentials_file in prometheus.yml").isTrue();
    String inContainer = "/etc/prometheus/" + file.group(1);
    assertThat(inContainer).isEqualTo("/etc/prometheus/secrets/metrics-token");

    List<String> entrypoint = new ArrayList<>();
    prometheus.path("entrypoint").forEach(part -> entrypoint.add(part.asText()));
    assertThat(entrypoint).hasSize(4).startsWith("/bin/sh", "-c");
    assertThat(entrypoint.get(2))
        .contains("\"$$SALESPULSE_METRICS_TOKEN\" > " + inContainer)
        .contains("exec /bin/prometheus \"$$@\"");
    List<String> tmpfs = new ArrayList<>();
    prometheus.path("tmpfs").forEach(t -> tmpfs.add(t.asText()));
    assertThat(tmpfs).as("the token lives in memory only").contains("/etc/prometheus/secrets");
    assertThat(prometheus.path("command").get(0).asText())
        .isEqualTo("--config.file=/etc/prometheus/prometheus.yml");
  }

  @Test
  void kafkaAndTheToolsWithoutLoginArePublishedOnThisHostOnly() {
    Map<String, JsonNode> local = new TreeMap<>(servicesWithImage("apache/kafka:"));
    local.put("prometheus", services.path("prometheus"));
    local.put("alertmanager", services.path("alertmanager"));
    List<String> published = new ArrayList<>();
    local.forEach(
        (name, service) ->
            service.path("ports").forEach(port -> published.add(name + " " + port.asText())));

    assertThat(published).hasSize(5).allMatch(port -> port.contains(" 127.0.0.1:"));
  }

  @Test
  void theOptionalProxyServesTlsWithACaddyfileCaddyAccepts(@TempDir Path home) {
    JsonNode proxy = services.path("proxy");
    assertThat(proxy.path("profiles").get(0).asText()).isEqualTo("tls");
    assertThat(mounts("proxy"))
        .contains(root.resolve("docker/caddy/Caddyfile") + ":/etc/caddy/Caddyfile");

    ExternalTool caddy = ExternalTool.require("caddy", "caddy");
    for (String tls : List.of("internal", "ops@example.com")) {
      ExternalTool.Result result =
          caddy.run(
              root,
              TIMEOUT,
              Map.of(
                  "HOME",
                  home.toString(),
                  "XDG_DATA_HOME",
                  home.resolve("data").toString(),
                  "XDG_CONFIG_HOME",
                  home.resolve("config").toString(),
                  "SALESPULSE_DOMAIN",
                  "sales.example.com",
                  "GRAFANA_DOMAIN",
                  "grafana.example.com",
                  "SALESPULSE_TLS",
                  tls),
              "validate",
              "--adapter",
              "caddyfile",
              "--config",
              "docker/caddy/Caddyfile");
      assertThat(result.exitCode())
          .as("caddy validate (tls %s):%n%s", tls, result.output())
          .isZero();
      assertThat(result.output()).contains("Valid configuration");
    }
  }

  private Map<String, JsonNode> servicesWithImage(String prefix) {
    Map<String, JsonNode> matching = new TreeMap<>();
    services
        .properties()
        .forEach(
            s -> {
              if (s.getValue().path("image").asText().startsWith(prefix)) {
                matching.put(s.getKey(), s.getValue());
              }
            });
    return matching;
  }

  private List<String> mounts(String service) {
    List<String> mounts = new ArrayList<>();
    services.path(service).path("volumes").forEach(v -> mounts.add(v.asText()));
    return mounts.stream().map(m -> m.replaceAll(":(ro|rw)$", "")).toList();
  }
}
