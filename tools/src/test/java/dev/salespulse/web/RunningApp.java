package dev.salespulse.web;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.streams.config.ConfigLoader;
import dev.salespulse.streams.config.SalesPulseConfig;
import dev.salespulse.streams.topology.Topics;
import dev.salespulse.web.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A whole SalesPulse for end-to-end tests: real embedded KRaft broker on a free port, real Kafka
 * Streams, real HTTP server on a free port, the given wall clock. Plus a plain producer and an HTTP
 * client, as an outside user would have.
 */
public final class RunningApp implements AutoCloseable {
  public final SalesPulseApp app;
  public final SalesPulseConfig config;
  public final Topics topics;
  public final KafkaProducer<String, String> producer;
  private final HttpClient http = HttpClient.newHttpClient();

  private RunningApp(SalesPulseApp app, SalesPulseConfig config) {
    this.app = app;
    this.config = config;
    this.topics = new Topics(config.kafka().topicPrefix());
    Map<String, Object> producerConfig = new HashMap<>();
    producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, app.bootstrapServers());
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    this.producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
  }

  /**
   * @param settings {@code SALESPULSE_*} settings; the HTTP port is a free one unless given
   */
  public static RunningApp start(Path dataDir, Clock clock, Map<String, String> settings) {
    return start(dataDir, clock, settings, error -> {});
  }

  /**
   * @param onFatal told when the Streams client dies, as the command would exit then
   */
  public static RunningApp start(
      Path dataDir,
      Clock clock,
      Map<String, String> settings,
      java.util.function.Consumer<Throwable> onFatal) {
    Map<String, String> env = new HashMap<>(settings);
    env.put("SALESPULSE_DATA_DIR", dataDir.toString());
    env.putIfAbsent("SALESPULSE_HTTP_PORT", "0");
    env.put("SALESPULSE_KAFKA_PORT", "0");
    SalesPulseConfig config = ConfigLoader.load(env, Map.of());
    return new RunningApp(SalesPulseApp.start(config, false, clock, onFatal), config);
  }

  public URI uri(String pathAndQuery) {
    return URI.create("http://localhost:" + app.httpPort() + pathAndQuery);
  }

  public HttpResponse<String> get(String pathAndQuery) {
    return get(pathAndQuery, Duration.ofMinutes(5));
  }

  /**
   * @param timeout how long to wait for the whole answer; longer fails with an {@link
   *     IllegalStateException} (java.net.http.HttpTimeoutException)
   */
  public HttpResponse<String> get(String pathAndQuery, Duration timeout) {
    try {
      return http.send(
          HttpRequest.newBuilder(uri(pathAndQuery)).timeout(timeout).GET().build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A write request: {@code method} (POST, PUT) of {@code body} as {@code contentType}, with {@code
   * Authorization: Bearer token} unless the token is null.
   */
  public HttpResponse<String> send(
      String method, String pathAndQuery, String contentType, byte[] body, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(pathAndQuery))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Content-Type", contentType);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public JsonNode getJson(String pathAndQuery) {
    return parse(get(pathAndQuery).body());
  }

  /**
   * Produces {@code count} placed orders of 5 USD at {@code occurredAt} (ids {@code o-0}, {@code
   * o-1}, …), spread over the reps {@code rep-0} … {@code rep-<reps - 1>}, and waits until they are
   * sent.
   */
  public void sendOrders(int count, int reps, String occurredAt) {
    for (int i = 0; i < count; i++) {
      String json =
          ("{\"eventId\":\"e-%d\",\"type\":\"ORDER_PLACED\",\"orderId\":\"o-%d\","
                  + "\"occurredAt\":\"%s\",\"repId\":\"rep-%d\","
                  + "\"currency\":\"USD\",\"amount\":5}")
              .formatted(i, i, occurredAt, i % reps);
      producer.send(new ProducerRecord<>(topics.orders().name(), "o-" + i, json));
    }
    producer.flush();
  }

  /** Status, staleness and the orders of a 200 KPI answer; status and body otherwise. */
  public String kpiSummary(HttpResponse<String> answer) {
    if (answer.statusCode() != 200) {
      return answer.statusCode() + " " + answer.body();
    }
    JsonNode body = parse(answer.body());
    return "200 stale="
        + body.get("stale").asBoolean()
        + " orders="
        + body.get("kpis").get("orders").asLong();
  }

  public JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public void awaitReady() {
    await().atMost(Duration.ofSeconds(60)).until(() -> get("/health/ready").statusCode() == 200);
  }

  /**
   * Waits until {@code instances} SalesPulse instances (each with its stream threads) are members
   * of the application's consumer group on that broker.
   */
  public static void awaitGroupOf(String bootstrapServers, int instances) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () ->
                  admin
                          .describeConsumerGroups(List.of("salespulse"))
                          .all()
                          .get()
                          .get("salespulse")
                          .members()
                          .stream()
                          .map(
                              member ->
                                  member.clientId().replaceAll("-StreamThread-\\d+-consumer", ""))
                          .distinct()
                          .count()
                      == instances);
    }
  }

  @Override
  public void close() {
    producer.close();
    app.close();
  }
}
