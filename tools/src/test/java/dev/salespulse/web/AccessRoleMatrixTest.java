package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.web.http.Route;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md, "Access": every route the service registers, asked with no credential, a wrong token,
 * each other role's token and its own role's, answers 401, 401, 403 and neither. The routes come
 * from the running server ({@link Route}), so a route added later is asked too, and one registered
 * without exactly one role fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessRoleMatrixTest {
  private static final Map<String, String> TOKENS = new LinkedHashMap<>();

  static {
    TOKENS.put("VIEWER", "viewer-7f3a");
    TOKENS.put("INGEST", "ingest-91bc");
    TOKENS.put("CLUSTER", "cluster-2d48");
    TOKENS.put("METRICS", "metrics-c0e5");
  }

  private static final String SHOPIFY_SECRET = "shpss_matrix_0123456789abcdef";
  private static final String WRONG = "not-a-token-of-anyone";

  private final HttpClient http = HttpClient.newHttpClient();
  private RunningApp running;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    Map<String, String> settings = new TreeMap<>();
    TOKENS.forEach((role, token) -> settings.put("SALESPULSE_" + role + "_TOKEN", token));
    settings.put("SALESPULSE_WEBHOOK_SHOPIFY_SECRET", SHOPIFY_SECRET);
    running = RunningApp.start(dataDir, Clock.systemUTC(), settings);
    running.awaitReady();
  }

  @AfterAll
  void stop() {
    if (running != null) {
      running.close();
    }
  }

  @Test
  void everyRouteAnswersEachCredentialAsItsRoleSays() {
    List<Route> routes = running.app.httpRoutes();
    assertThat(routes)
        .extracting(Route::toString)
        .contains(
            "GET /api/v1/kpis",
            "POST /api/v1/events",
            "GET /internal/v1/partials/sum",
            "GET /metrics",
            "GET /ws/live",
            "POST /api/v1/webhooks/{source}",
            "GET /health/ready");
    List<String> wrong = new ArrayList<>();
    for (Route route : routes) {
      if (route.roles().size() != 1) {
        wrong.add(route + " is registered with roles " + route.roles() + ", not exactly one");
        continue;
      }
      String role = route.roles().iterator().next();
      for (Map.Entry<String, Integer> asked : expectations(role).entrySet()) {
        int status = ask(route, asked.getKey(), role);
        boolean right =
            asked.getValue() == 0 ? status != 401 && status != 403 : status == asked.getValue();
        if (!right || status >= 500) {
          wrong.add(
              route
                  + " ("
                  + role
                  + ") with "
                  + asked.getKey()
                  + ": "
                  + status
                  + ", expected "
                  + (asked.getValue() == 0 ? "neither 401 nor 403" : asked.getValue()));
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void onlyHealthAndTheApiDescriptionNeedNoCredential() {
    Map<String, List<String>> byRole = new TreeMap<>();
    for (Route route : running.app.httpRoutes()) {
      route
          .roles()
          .forEach(r -> byRole.computeIfAbsent(r, k -> new ArrayList<>()).add(route.toString()));
    }

    assertThat(byRole.get("PUBLIC"))
        .containsExactlyInAnyOrder(
            "GET /api/docs", "GET /api/openapi.json", "GET /health/live", "GET /health/ready");
    assertThat(byRole.get("METRICS")).containsExactly("GET /metrics");
    assertThat(byRole.get("SIGNED")).containsExactly("POST /api/v1/webhooks/{source}");
    assertThat(byRole.get("CLUSTER"))
        .isNotEmpty()
        .allMatch(route -> route.startsWith("GET /internal/"));
    assertThat(running.app.httpRoutes())
        .filteredOn(route -> route.path().startsWith("/internal/"))
        .allMatch(route -> route.roles().equals(java.util.Set.of("CLUSTER")));
    assertThat(byRole.get("VIEWER")).contains("GET /ws/live", "GET /api/v1/kpis");
  }

  /** What each credential must get on a route of {@code role}: a status, or 0 for "let in". */
  private static Map<String, Integer> expectations(String role) {
    Map<String, Integer> expected = new LinkedHashMap<>();
    switch (role) {
      case "PUBLIC" -> {
        expected.put("none", 0);
        expected.put("wrong", 0);
        TOKENS.keySet().forEach(other -> expected.put(other, 0));
      }
      case "SIGNED" -> {
        // A webhook's credential is its sender's signature: no token stands in for it.
        expected.put("none", 401);
        expected.put("wrong", 401);
        TOKENS.keySet().forEach(other -> expected.put(other, 401));
        expected.put("signature", 0);
      }
      default -> {
        expected.put("none", 401);
        expected.put("wrong", 401);
        TOKENS.keySet().stream().filter(o -> !o.equals(role)).forEach(o -> expected.put(o, 403));
        expected.put(role, 0);
        // Only the viewer's token may travel in the address.
        expected.put(role + " in the URL", role.equals("VIEWER") ? 0 : 401);
      }
    }
    return expected;
  }

  /** The status of {@code route} asked with {@code credential} (a role, "none", "wrong", …). */
  private int ask(Route route, String credential, String role) {
    String path = route.path().replace("{source}", "shopify");
    String query = "";
    Map<String, String> headers = new LinkedHashMap<>();
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    if (credential.endsWith(" in the URL")) {
      query = "?token=" + TOKENS.get(role);
    } else if (credential.equals("wrong")) {
      headers.put("Authorization", "Bearer " + WRONG);
    } else if (credential.equals("signature")) {
      headers.put("X-Shopify-Hmac-Sha256", shopifySignature(body));
    } else if (TOKENS.containsKey(credential)) {
      headers.put("Authorization", "Bearer " + TOKENS.get(credential));
    }
    if (path.startsWith("/ws/")) {
      return upgrade(path + query, headers);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(running.uri(path + query))
            .method(
                route.method(),
                route.method().equals("GET")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Content-Type", "application/json");
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      // A webhook names its own refusals (bad-signature); Access answers the others.
      if ((response.statusCode() == 401 || response.statusCode() == 403)
          && !role.equals("SIGNED")) {
        assertThat(running.parse(response.body()).get("error").asText())
            .as("%s %s with %s", route, response.statusCode(), credential)
            .isEqualTo(response.statusCode() == 401 ? "unauthorized" : "forbidden");
      }
      return response.statusCode();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** 101 when the socket opened, else the status of the refused upgrade. */
  private int upgrade(String pathAndQuery, Map<String, String> headers) {
    WebSocket.Builder builder = http.newWebSocketBuilder();
    headers.forEach(builder::header);
    try {
      WebSocket socket =
          builder
              .buildAsync(
                  URI.create("ws://localhost:" + running.app.httpPort() + pathAndQuery),
                  new WebSocket.Listener() {})
              .get(30, TimeUnit.SECONDS);
      socket.abort();
      return 101;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
      throw new CompletionException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String shopifySignature(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SHOPIFY_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
