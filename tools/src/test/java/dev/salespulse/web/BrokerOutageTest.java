package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.tools.simulate.EventGenerator;
import dev.salespulse.tools.simulate.SalesFloor;
import dev.salespulse.tools.simulate.SimulatedRecord;
import dev.salespulse.web.cli.SalesPulseCommand;
import dev.salespulse.web.json.Json;
import dev.salespulse.web.process.BrokerMain;
import dev.salespulse.web.process.FreePorts;
import dev.salespulse.web.process.JavaProcess;
import dev.salespulse.web.process.ResendingProducer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The brokers unavailable for minutes (contract, "Reliability promises"): SalesPulse, run as its
 * own JVM, counts events from a broker in a process of its own; the broker is stopped (SIGTERM) for
 * the length of the outage and then started again on the same data and port. Throughout the outage
 * the service must stay up and answer every query, once a second, with the totals it had counted,
 * marked stale once it notices, while {@code /health/ready} says why; after it, the events produced
 * then must be counted too, every scope's totals exactly what this test computes from the events.
 *
 * <p>Also the start against a broker that is not up yet: the service waits, saying so, instead of
 * exiting, and starts once the broker comes.
 *
 * <p>Prints the times from the broker's restart to fresh answers and to exact totals; asserts no
 * time.
 */
@Tag("slow")
// Beside the rest of the suite: it mostly waits while its broker, in another process, is down.
// Its own tests run one after another.
@Execution(ExecutionMode.CONCURRENT)
class BrokerOutageTest {
  private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(2);
  private static final String COMPANY = "company:all";
  private static final int REPS = 12;
  private static final int BATCH = 500;
  private static final Pattern WAITED = Pattern.compile("not reachable for (\\d+) s");

  private final List<JavaProcess> processes = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private final long seed = System.nanoTime();

  @AfterEach
  void stopProcesses() {
    processes.forEach(JavaProcess::close);
  }

  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  void servesStaleTotalsThroughATwoMinuteBrokerOutageThenCountsEveryEventOnce(
      @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
    rideOut(dir, Duration.ofMinutes(2), 4_000);
  }

  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  void servesStaleTotalsThroughATenMinuteBrokerOutageThenCountsEveryEventOnce(
      @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
    rideOut(dir, Duration.ofMinutes(10), 400);
  }

  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  void waitsForABrokerThatComesUpAfterTheServiceStarts(
      @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws IOException {
    int kafkaPort = FreePorts.next();
    int httpPort = FreePorts.next();
    String bootstrap = "localhost:" + kafkaPort;
    JavaProcess service = service(dir, bootstrap, httpPort);

    // Past the 60 s after which topic creation used to give up and the process exit.
    await()
        .atMost(Duration.ofSeconds(150))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              assertThat(service.isAlive()).as("the service waits for the broker").isTrue();
              return longestWaitLogged(service.log()) >= 70;
            });

    long brokerStartNanos = System.nanoTime();
    broker(dir, kafkaPort);
    awaitReady(httpPort, service);
    double readySeconds = (System.nanoTime() - brokerStartNanos) / 1e9;
    Day day = new Day(400);
    produce(bootstrap, day.roster);
    produce(bootstrap, day.events);
    awaitExactTotals(httpPort, day.all, day.scopes);
    assertThat(service.isAlive()).isTrue();
    assertThat(Files.readString(service.log())).contains("SalesPulse starts once they answer");
    System.out.printf(
        "BrokerOutageTest (broker up %d s after the service): ready %.1f s after the broker's"
            + " start%n",
        longestWaitLogged(service.log()), readySeconds);
  }

  private void rideOut(Path dir, Duration outage, int events)
      throws IOException, InterruptedException {
    int kafkaPort = FreePorts.next();
    int httpPort = FreePorts.next();
    String bootstrap = "localhost:" + kafkaPort;
    JavaProcess broker = broker(dir, kafkaPort);
    JavaProcess service = service(dir, bootstrap, httpPort);
    awaitReady(httpPort, service);

    Day day = new Day(events);
    List<SimulatedRecord> before = day.events.subList(0, events / 2);
    List<SimulatedRecord> after = day.events.subList(events / 2, events);
    ReferenceTotals.Totals counted = day.totalsBefore(before).of(COMPANY, DAY);
    assertThat(counted.orders()).as("orders counted before the outage").isPositive();
    produce(bootstrap, day.roster);
    produce(bootstrap, before);
    awaitExactTotals(httpPort, day.totalsBefore(before), List.of(COMPANY));

    broker.stop();
    List<JsonNode> answers = new ArrayList<>();
    List<JsonNode> health = new ArrayList<>();
    long endNanos = System.nanoTime() + outage.toNanos();
    await()
        .atMost(outage.plusMinutes(1))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              assertThat(service.isAlive()).as("the service process during the outage").isTrue();
              JsonNode answer = parse(get(httpPort, companyDay()));
              assertTotals(answer.get("kpis"), counted, COMPANY);
              boolean wasStale =
                  !answers.isEmpty() && answers.get(answers.size() - 1).get("stale").asBoolean();
              assertThat(!wasStale || answer.get("stale").asBoolean())
                  .as("once stale, answers stay stale while the broker is away: %s", answer)
                  .isTrue();
              answers.add(answer);
              health.add(ready(httpPort));
              return System.nanoTime() >= endNanos;
            });
    assertThat(answers.get(answers.size() - 1).get("stale").asBoolean())
        .as("answers during the outage are marked stale")
        .isTrue();
    JsonNode lastHealth = health.get(health.size() - 1);
    assertThat(lastHealth.get("status").asText()).as("%s", lastHealth).isEqualTo("STALE");
    assertThat(lastHealth.get("reason").asText()).contains("Kafka brokers unreachable since");
    long staleAnswers = answers.stream().filter(a -> a.get("stale").asBoolean()).count();

    long restartNanos = System.nanoTime();
    broker(dir, kafkaPort);
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              assertThat(service.isAlive()).as("the service process after the outage").isTrue();
              return status(httpPort, companyDay()) == 200
                  && !parse(get(httpPort, companyDay())).get("stale").asBoolean();
            });
    double freshSeconds = (System.nanoTime() - restartNanos) / 1e9;
    produce(bootstrap, after);
    awaitExactTotals(httpPort, day.all, day.scopes);
    double exactSeconds = (System.nanoTime() - restartNanos) / 1e9;
    assertThat(ready(httpPort).get("status").asText()).isEqualTo("UP");
    assertThat(service.isAlive()).isTrue();
    System.out.printf(
        "BrokerOutageTest (%d min outage, seed %d): %d answers during it, %d of them stale, all"
            + " 200 with the last totals; fresh answers %.1f s after the broker's restart, all"
            + " %d events exact after %.1f s%n",
        outage.toMinutes(), seed, answers.size(), staleAnswers, freshSeconds, events, exactSeconds);
  }

  /** A day of events of a small sales floor, and what every scope must total. */
  private final class Day {
    final List<SimulatedRecord> roster;
    final List<SimulatedRecord> events;
    final ReferenceTotals all;
    final List<String> scopes = new ArrayList<>(List.of(COMPANY));

    Day(int count) {
      EventGenerator generator =
          new EventGenerator(SalesFloor.generate(REPS, seed), ZoneOffset.UTC, seed);
      roster = generator.roster();
      events = generator.day(DAY, count);
      all = totalsBefore(events);
      TreeSet<String> teams = new TreeSet<>();
      for (SimulatedRecord entry : roster) {
        teams.add("team:" + parse(entry.json()).get("teamId").asText());
        scopes.add("rep:" + entry.key());
      }
      scopes.addAll(teams);
    }

    ReferenceTotals totalsBefore(List<SimulatedRecord> sent) {
      ReferenceTotals totals = new ReferenceTotals();
      roster.forEach(entry -> totals.roster(entry.json()));
      for (SimulatedRecord event : sent) {
        if (event.topicKind().equals(SimulatedRecord.ORDERS)) {
          totals.order(event.json());
        } else {
          totals.activity(event.json());
        }
      }
      return totals;
    }
  }

  private JavaProcess broker(Path dir, int kafkaPort) {
    JavaProcess broker =
        JavaProcess.start(
            BrokerMain.class,
            List.of(dir.resolve("broker").toString(), String.valueOf(kafkaPort)),
            Map.of(),
            dir.resolve("broker.log"));
    processes.add(broker);
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + kafkaPort))) {
      await()
          .atMost(Duration.ofSeconds(90))
          .ignoreExceptions()
          .until(() -> !admin.describeCluster().nodes().get().isEmpty());
    }
    return broker;
  }

  private JavaProcess service(Path dir, String bootstrap, int httpPort) {
    JavaProcess service =
        JavaProcess.start(
            SalesPulseCommand.class,
            List.of("run"),
            Map.of(
                "SALESPULSE_BOOTSTRAP_SERVERS", bootstrap,
                "SALESPULSE_DATA_DIR", dir.resolve("data").toString(),
                "SALESPULSE_HTTP_PORT", String.valueOf(httpPort)),
            dir.resolve("service.log"));
    processes.add(service);
    return service;
  }

  private static long longestWaitLogged(Path log) throws IOException {
    Matcher waited = WAITED.matcher(Files.readString(log));
    long longest = -1;
    while (waited.find()) {
      longest = Math.max(longest, Long.parseLong(waited.group(1)));
    }
    return longest;
  }

  /** Sends the records in batches; a batch with any failed record is sent again whole. */
  private static void produce(String bootstrap, List<SimulatedRecord> records) {
    ResendingProducer producer = new ResendingProducer(bootstrap);
    for (int next = 0; next < records.size(); next += BATCH) {
      List<SimulatedRecord> batch = records.subList(next, Math.min(records.size(), next + BATCH));
      await().atMost(Duration.ofMinutes(3)).until(() -> producer.sendAll(batch));
    }
  }

  private void awaitExactTotals(int httpPort, ReferenceTotals expected, List<String> scopes) {
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              for (String scope : scopes) {
                JsonNode answer = parse(get(httpPort, dayOf(scope)));
                assertThat(answer.get("stale").asBoolean()).as("stale").isFalse();
                assertTotals(answer.get("kpis"), expected.of(scope, DAY), scope);
              }
            });
  }

  private static void assertTotals(JsonNode kpis, ReferenceTotals.Totals totals, String scope) {
    assertThat(kpis.get("revenue").decimalValue())
        .as("revenue of %s", scope)
        .isEqualByComparingTo(totals.revenue());
    assertThat(kpis.get("orders").asLong()).as("orders of %s", scope).isEqualTo(totals.orders());
    assertThat(kpis.get("calls").asLong()).as("calls of %s", scope).isEqualTo(totals.calls());
  }

  private static String companyDay() {
    return dayOf(COMPANY);
  }

  private static String dayOf(String scope) {
    return "/api/v1/kpis?scope=" + scope + "&period=custom&from=" + DAY + "&to=" + DAY.plusDays(1);
  }

  private void awaitReady(int httpPort, JavaProcess service) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              assertThat(service.isAlive()).as("the service process is running").isTrue();
              return status(httpPort, "/health/ready") == 200;
            });
  }

  private JsonNode ready(int httpPort) throws IOException, InterruptedException {
    return parse(
        http.send(request(httpPort, "/health/ready"), HttpResponse.BodyHandlers.ofString()).body());
  }

  private int status(int httpPort, String path) {
    try {
      return http.send(request(httpPort, path), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1; // not listening
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String get(int httpPort, String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(request(httpPort, path), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return response.body();
  }

  private static HttpRequest request(int httpPort, String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
        .timeout(Duration.ofSeconds(10))
        .GET()
        .build();
  }

  private static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
