package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.streams.query.LeaderboardService;
import dev.salespulse.streams.query.Metric;
import dev.salespulse.streams.query.Period;
import dev.salespulse.streams.query.Step;
import dev.salespulse.streams.stores.ScopeKind;
import dev.salespulse.web.feed.FeedBoard;
import dev.salespulse.web.http.Route;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/openapi.json} describes exactly the routes the running service registers, is a
 * valid OpenAPI 3 document, lists the values the query services accept, and, like its page {@code
 * /api/docs}, needs no credential even with a viewer token set.
 */
@Tag("slow")
class OpenApiDescriptionTest {
  private static final String TOKEN = "viewer-s3cret";
  private static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  /**
   * The security schemes each role's routes must name, in order (a route of several roles, or of
   * none, has no entry and is reported). Webhooks carry their senders' signatures, which OpenAPI
   * cannot name.
   */
  private static final Map<String, List<String>> SCHEMES_BY_ROLE =
      Map.of(
          "PUBLIC", List.of(),
          "SIGNED", List.of(),
          "VIEWER", List.of("viewerBearer", "viewerQueryToken"),
          "INGEST", List.of("ingestBearer"),
          "CLUSTER", List.of("clusterBearer"),
          "METRICS", List.of("metricsBearer"));

  @TempDir static Path dataDir;
  private static RunningApp running;
  private static HttpResponse<String> description;
  private static JsonNode spec;

  @BeforeAll
  static void start() {
    running =
        RunningApp.start(dataDir, Clock.systemUTC(), Map.of("SALESPULSE_VIEWER_TOKEN", TOKEN));
    description = running.get("/api/openapi.json");
    spec = running.parse(description.body());
  }

  @AfterAll
  static void stop() {
    if (running != null) {
      running.close();
    }
  }

  @Test
  void shouldDocumentEveryRegisteredRouteAndNothingElse() {
    Set<String> registered = new TreeSet<>();
    running.app.httpRoutes().forEach(route -> registered.add(openApiPath(route.toString())));
    Set<String> documented = documentedOperations(spec);

    assertThat(registered)
        .as("routes the service registers (the listing itself must see them)")
        .contains("GET /api/v1/kpis", "GET /ws/live", "GET /metrics", "GET /api/openapi.json");
    SoftAssertions.assertSoftly(
        softly -> {
          softly
              .assertThat(difference(registered, documented))
              .as("registered routes missing from /api/openapi.json")
              .isEmpty();
          softly
              .assertThat(difference(documented, registered))
              .as("operations in /api/openapi.json that the service does not register")
              .isEmpty();
        });
  }

  @Test
  void shouldAskForTheCredentialOfEachRoutesRole() {
    Map<String, List<String>> wrong = new TreeMap<>();
    for (Route route : running.app.httpRoutes()) {
      JsonNode operation =
          spec.path("paths")
              .path(openApiPath(route.path()))
              .path(route.method().toLowerCase(Locale.ROOT));
      if (operation.isMissingNode()) {
        continue; // reported by shouldDocumentEveryRegisteredRouteAndNothingElse
      }
      List<String> expected = SCHEMES_BY_ROLE.get(String.join(",", route.roles()));
      List<String> documented =
          schemes(operation.has("security") ? operation.get("security") : spec.get("security"));
      if (!documented.equals(expected)) {
        wrong.put(route + " " + route.roles(), documented);
      }
    }
    assertThat(running.app.httpRoutes())
        .as("roles of the routes")
        .anyMatch(route -> route.roles().contains("PUBLIC"))
        .anyMatch(route -> route.roles().contains("INGEST"))
        .anyMatch(route -> route.roles().contains("CLUSTER"))
        .anyMatch(route -> route.roles().contains("METRICS"));
    assertThat(wrong).as("routes whose documented security is not their role's").isEmpty();
  }

  @Test
  void shouldBeAValidOpenApi3Document() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result =
        new OpenAPIV3Parser().readContents(description.body(), null, options);

    assertThat(result.getMessages()).as("OpenAPI validation messages").isEmpty();
    assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.0.3");
    assertThat(result.getOpenAPI().getComponents().getSecuritySchemes())
        .containsOnlyKeys(
            "viewerBearer", "viewerQueryToken", "ingestBearer", "clusterBearer", "metricsBearer");
  }

  @Test
  void shouldListTheValuesTheQueriesAccept() {
    JsonNode schemas = spec.at("/components/schemas");
    assertThat(strings(schemas.at("/Period/enum")))
        .containsExactlyElementsOf(Arrays.stream(Period.values()).map(Period::code).toList());
    List<String> metrics = Metric.SUMMED.stream().map(Metric::code).toList();
    assertThat(strings(schemas.at("/Metric/enum"))).containsExactlyElementsOf(metrics);
    assertThat(strings(schemas.at("/RankedMetric/enum")))
        .containsExactlyElementsOf(
            Stream.concat(metrics.stream(), Metric.OF_CUSTOMERS.stream().map(Metric::code))
                .toList());
    assertThat(strings(schemas.at("/ScopeKind/enum")))
        .containsExactlyElementsOf(
            Arrays.stream(ScopeKind.values()).map(ScopeKind::prefix).toList());
    assertThat(strings(queryParameter("/api/v1/timeseries", "step").at("/schema/enum")))
        .containsExactlyElementsOf(Arrays.stream(Step.values()).map(Step::code).toList());
    assertThat(queryParameter("/api/v1/leaderboard", "limit").at("/schema/maximum").asInt())
        .isEqualTo(LeaderboardService.MAX_LIMIT);
    assertThat(queryParameter("/api/v1/feed", "limit").at("/schema/maximum").asInt())
        .isEqualTo(FeedBoard.CAPACITY);
  }

  @Test
  void shouldServeTheDescriptionAndItsPageWithoutCredential() {
    assertThat(running.get("/api/v1/scopes?dimension=team").statusCode())
        .as("the read API without the viewer token")
        .isEqualTo(401);

    assertThat(description.statusCode()).isEqualTo(200);
    assertThat(description.headers().firstValue("Content-Type")).hasValue("application/json");
    HttpResponse<String> page = running.get("/api/docs");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(page.body()).contains("url: '/api/openapi.json'").doesNotContain("{{");
  }

  @Test
  void shouldLoadSwaggerUiFromTheWebJarThePomNames() throws IOException {
    String page = running.get("/api/docs").body();
    Matcher assets =
        Pattern.compile("(?:href|src)=\"(/webjars/swagger-ui/([^/\"]+)/[^\"]+)\"").matcher(page);
    List<String> versions = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    while (assets.find()) {
      paths.add(assets.group(1));
      versions.add(assets.group(2));
    }

    assertThat(paths)
        .containsExactly(
            "/webjars/swagger-ui/" + versions.get(0) + "/swagger-ui.css",
            "/webjars/swagger-ui/" + versions.get(0) + "/swagger-ui-bundle.js");
    assertThat(versions).containsOnly(pomProperty("swagger-ui.version"));
    for (String path : paths) {
      assertThat(running.get(path).statusCode()).as(path).isEqualTo(200);
    }
  }

  /** "GET /path" for every operation of the document. */
  static Set<String> documentedOperations(JsonNode spec) {
    Set<String> operations = new TreeSet<>();
    for (Map.Entry<String, JsonNode> path : spec.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        if (HTTP_METHODS.contains(operation.getKey())) {
          operations.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
        }
      }
    }
    return operations;
  }

  /** Javalin's slash-accepting {@code <name>} is a path parameter {@code {name}} too. */
  private static String openApiPath(String route) {
    return route.replaceAll("<([^>]+)>", "{$1}");
  }

  /** The security schemes a security requirement list names, in order. */
  private static List<String> schemes(JsonNode requirements) {
    List<String> names = new ArrayList<>();
    requirements.forEach(requirement -> requirement.fieldNames().forEachRemaining(names::add));
    return names;
  }

  private static JsonNode queryParameter(String path, String name) {
    for (JsonNode parameter : spec.at("/paths/" + path.replace("/", "~1") + "/get/parameters")) {
      if (name.equals(parameter.path("name").asText())) {
        return parameter;
      }
    }
    throw new AssertionError("no query parameter '" + name + "' documented for " + path);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> rest = new TreeSet<>(a);
    rest.removeAll(b);
    return rest;
  }

  private static String pomProperty(String name) throws IOException {
    String pom = Files.readString(RepoFiles.root().resolve("pom.xml"));
    Matcher value = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
    assertThat(value.find()).as(name + " in the parent pom").isTrue();
    return value.group(1).trim();
  }
}
