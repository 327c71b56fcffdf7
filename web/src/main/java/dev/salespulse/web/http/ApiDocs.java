package dev.salespulse.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.salespulse.web.json.Json;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The API's description of itself: {@code GET /api/openapi.json}, an OpenAPI 3 document kept as
 * YAML in {@code openapi/salespulse-api.yaml} and served as JSON, and {@code GET /api/docs}, a page
 * that browses it with Swagger UI from its WebJar. Neither needs a credential: they describe the
 * API, not its data (they are registered as {@code PUBLIC} routes). Both are read once, at start,
 * so a broken resource stops the service there.
 */
final class ApiDocs {
  static final String DESCRIPTION_PATH = "/api/openapi.json";
  static final String PAGE_PATH = "/api/docs";

  private static final String DESCRIPTION = "/openapi/salespulse-api.yaml";
  private static final String PAGE = "/openapi/docs.html";
  private static final String PLACEHOLDER = "{{swagger-ui}}";
  private static final String SWAGGER_UI_POM =
      "/META-INF/maven/org.webjars/swagger-ui/pom.properties";

  private final String description;
  private final String page;

  ApiDocs() {
    this.description = Json.write(readYaml(DESCRIPTION));
    this.page = read(PAGE).replace(PLACEHOLDER, "/webjars/swagger-ui/" + swaggerUiVersion());
  }

  void description(Context ctx) {
    ctx.contentType(ContentType.APPLICATION_JSON).result(description);
  }

  void page(Context ctx) {
    ctx.html(page);
  }

  /** The version of the Swagger UI WebJar on the class path: its folder under /webjars/. */
  static String swaggerUiVersion() {
    Properties pom = new Properties();
    try (InputStream in = open(SWAGGER_UI_POM)) {
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String version = pom.getProperty("version");
    if (version == null || version.isBlank()) {
      throw new IllegalStateException(SWAGGER_UI_POM + " names no version");
    }
    return version;
  }

  private static JsonNode readYaml(String resource) {
    try (InputStream in = open(resource)) {
      return new YAMLMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the API description " + resource, e);
    }
  }

  private static String read(String resource) {
    try (InputStream in = open(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String resource) {
    InputStream in = ApiDocs.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(resource + " is missing from the class path");
    }
    return in;
  }
}
