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
import java.math.BigDecimal;
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
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash at any moment (contract, "Reliability promises"): while a backlog streams in, SalesPulse,
 * run as a separate JVM the way an operator runs it, is killed with SIGKILL three times at random
 * moments and restarted on the same data each time. After each restart it must become ready, and in
 * the end every KPI of the day of every scope (company, each region, team, rep, channel and
 * category, those the service lists and those the events touch) must equal what {@link
 * DayReference} computes from the same events: nothing lost, nothing counted twice.
 *
 * <p>Two cases: the whole {@code salespulse run} process with its embedded broker (the demo's case,
 * broker and service die together), and the service alone against a broker in its own process that
 * survives. The producer is a plain client as a CRM would use: a batch that fails while the broker
 * is down is sent again whole, which the contract's deduplication by {@code eventId} makes safe.
 *
 * <p>Prints the time from each kill to ready; asserts only that it comes within the bound.
 */
@Tag("slow")
class CrashRecoveryTest {
  private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(2);
  private static final int EVENTS = 36_000;
  private static final int BATCH = 1_000;
  private static final int REPS = 20;
  private static final int KILLS = 3;
  private static final Duration READY_BOUND = Duration.ofSeconds(120);
  private static final List<String> SCOPE_KINDS =
      List.of("company", "region", "team", "rep", "channel", "category");

  /** The KPIs of a revenue target: {@code null} without targets, as in this test. */
  private static final Set<String> TARGET_KPIS =
      Set.of("target", "attainment", "pace", "projected", "gap");

  private final List<JavaProcess> processes = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private final long seed = System.nanoTime();

  @AfterEach
  void stopProcesses() {
    processes.forEach(JavaProcess::close);
  }

  @Test
  void wholeProcessWithItsEmbeddedBrokerKilledThreeTimesCountsEveryEventOnce(@TempDir Path dir) {
    int kafkaPort = FreePorts.next();
    int httpPort = FreePorts.next();
    Map<String, String> env =
        Map.of(
            "SALESPULSE_DATA_DIR", dir.resolve("data").toString(),
            "SALESPULSE_HTTP_PORT", String.valueOf(httpPort),
            "SALESPULSE_KAFKA_PORT", String.valueOf(kafkaPort));
    crashWhileStreaming(
        "whole process", () -> service(env, dir), "localhost:" + kafkaPort, httpPort, dir);
  }

  @Test
  void serviceKilledThreeTimesWhileItsBrokerRunsOnCountsEveryEventOnce(@TempDir Path dir) {
    int kafkaPort = FreePorts.next();
    int httpPort = FreePorts.next();
    String bootstrap = "localhost:" + kafkaPort;
    processes.add(
        JavaProcess.start(
            BrokerMain.class,
            List.of(dir.resolve("broker").toString(), String.valueOf(kafkaPort)),
            Map.of(),
            dir.resolve("broker.log")));
    awaitBroker(bootstrap);
    Map<String, String> env =
        Map.of(
            "SALESPULSE_BOOTSTRAP_SERVERS", bootstrap,
            "SALESPULSE_DATA_DIR", dir.resolve("data").toString(),
            "SALESPULSE_HTTP_PORT", String.valueOf(httpPort));
    crashWhileStreaming("service alone", () -> service(env, dir), bootstrap, httpPort, dir);
  }

  private JavaProcess service(Map<String, String> env, Path dir) {
    JavaProcess process =
        JavaProcess.start(SalesPulseCommand.class, List.of("run"), env, dir.resolve("service.log"));
    processes.add(process);
    return process;
  }

  private void crashWhileStreaming(
      String what, Supplier<JavaProcess> start, String bootstrap, int httpPort, Path dir) {
    JavaProcess service = start.get();
    awaitReady(httpPort, service);

    EventGenerator generator =
        new EventGenerator(SalesFloor.generate(REPS, seed), ZoneOffset.UTC, seed);
    List<SimulatedRecord> roster = generator.roster();
    List<SimulatedRecord> events = generator.day(DAY, EVENTS);
    DayReference expected = new DayReference(ZoneOffset.UTC);
    feed(expected, roster, events);

    AtomicInteger acknowledged = new AtomicInteger();
    AtomicBoolean done = new AtomicBoolean();
    CompletableFuture<Void> producing =
        CompletableFuture.runAsync(
            () -> {
              produce(bootstrap, roster, events, acknowledged);
              done.set(true);
            });

    Random random = new Random(seed);
    List<Double> readySeconds = new ArrayList<>();
    for (int kill = 1; kill <= KILLS; kill++) {
      // A random moment within the next slice of the backlog, while it streams in.
      int at = (kill - 1) * EVENTS / (KILLS + 1) + random.nextInt(EVENTS / (KILLS + 1));
      await()
          .atMost(Duration.ofMinutes(3))
          .until(() -> acknowledged.get() >= at || producing.isDone());
      assertThat(service.isAlive()).as("%s before kill %d", what, kill).isTrue();
      service.kill();
      long killedNanos = System.nanoTime();
      service = start.get();
      awaitReady(httpPort, service);
      readySeconds.add((System.nanoTime() - killedNanos) / 1e9);
    }
    producing.join();
    assertThat(done).isTrue();

    try {
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () ->
                  assertThat(mismatches(httpPort, expected, List.of(DayReference.COMPANY)))
                      .isEmpty());
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () ->
                  assertThat(mismatches(httpPort, expected, scopes(httpPort, expected))).isEmpty());
    } catch (AssertionError | ConditionTimeoutException e) {
      // What a failure needs to be understood: the seed, and what recovery did at each restart.
      throw new AssertionError(
          what + ", seed " + seed + "; the service's recovery warnings:\n" + recoveryLines(dir), e);
    }
    assertThat(service.isAlive()).isTrue();
    List<String> compared = scopes(httpPort, expected);
    for (String kind : SCOPE_KINDS) {
      assertThat(compared)
          .as("scopes of kind %s compared", kind)
          .anyMatch(s -> s.startsWith(kind + ":"));
    }
    System.out.printf(
        "CrashRecoveryTest (%s, seed %d): %d events, every KPI of %d scopes as expected,"
            + " ready after each SIGKILL in %s s%n",
        what,
        seed,
        EVENTS,
        compared.size(),
        readySeconds.stream().map(s -> String.format("%.1f", s)).toList());
  }

  /** The service's log lines about transactions and restoring, over every restart. */
  private static String recoveryLines(Path dir) {
    try (var lines = Files.lines(dir.resolve("service.log"))) {
      return String.join(
          "\n",
          lines
              .filter(line -> line.contains("ransaction") || line.contains("estor"))
              .filter(line -> line.contains("WARN") || line.contains("ERROR"))
              .limit(200)
              .toList());
    } catch (IOException | java.io.UncheckedIOException e) {
      return "(service.log unreadable: " + e + ")";
    }
  }

  private static void feed(
      DayReference expected, List<SimulatedRecord> roster, List<SimulatedRecord> events) {
    for (SimulatedRecord entry : roster) {
      expected.roster(entry.json());
    }
    for (SimulatedRecord event : events) {
      if (event.topicKind().equals(SimulatedRecord.ORDERS)) {
        expected.order(event.json());
      } else {
        expected.activity(event.json());
      }
    }
  }

  /**
   * The roster, then the events in batches; a batch with any failed record is sent again whole (the
   * service counts each eventId once), so the cancellations and refunds of a batch never count
   * before their orders do.
   */
  private static void produce(
      String bootstrap,
      List<SimulatedRecord> roster,
      List<SimulatedRecord> events,
      AtomicInteger acknowledged) {
    ResendingProducer producer = new ResendingProducer(bootstrap);
    List<SimulatedRecord> all = new ArrayList<>(roster);
    all.addAll(events);
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    int next = 0;
    while (next < all.size()) {
      List<SimulatedRecord> batch = all.subList(next, Math.min(all.size(), next + BATCH));
      if (producer.sendAll(batch)) {
        next += batch.size();
        acknowledged.set(Math.max(0, next - roster.size()));
      } else if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the backlog could not be produced within 10 minutes");
      }
    }
  }

  /**
   * The scopes to compare: every scope of every kind the service lists, and every scope the
   * reference counted anything in on the day (a scope missing from the service shows as zeros
   * against non-zero expectations).
   */
  private List<String> scopes(int httpPort, DayReference expected) {
    TreeSet<String> scopes = new TreeSet<>();
    for (String kind : SCOPE_KINDS) {
      for (JsonNode entry :
          parse(get(httpPort, "/api/v1/scopes?dimension=" + kind)).get("scopes")) {
        scopes.add(entry.get("scope").asText());
      }
      scopes.addAll(expected.scopesOn(kind, DAY));
    }
    return List.copyOf(scopes);
  }

  /**
   * Every KPI of the day of each scope that differs from the reference, one line each; also every
   * KPI the answer has that the reference does not know, unless it is a target KPI, which must be
   * {@code null} (the test sets no targets).
   */
  private List<String> mismatches(int httpPort, DayReference expected, List<String> scopes) {
    List<String> mismatches = new ArrayList<>();
    for (String scope : scopes) {
      JsonNode kpis =
          parse(
                  get(
                      httpPort,
                      "/api/v1/kpis?scope="
                          + scope
                          + "&period=custom&from="
                          + DAY
                          + "&to="
                          + DAY.plusDays(1)))
              .get("kpis");
      Map<String, Object> reference = expected.kpis(scope, DAY);
      reference.forEach(
          (kpi, value) -> {
            JsonNode actual = kpis.get(kpi);
            if (!matches(value, actual)) {
              mismatches.add(scope + " " + kpi + ": expected " + value + ", was " + actual);
            }
          });
      kpis.fieldNames()
          .forEachRemaining(
              kpi -> {
                if (!reference.containsKey(kpi)
                    && !(TARGET_KPIS.contains(kpi) && kpis.get(kpi).isNull())) {
                  mismatches.add(scope + " " + kpi + ": not expected, was " + kpis.get(kpi));
                }
              });
    }
    return mismatches;
  }

  private static boolean matches(Object expectedValue, JsonNode actual) {
    if (actual == null) {
      return false;
    }
    if (expectedValue == null) {
      return actual.isNull();
    }
    if (expectedValue instanceof Long count) {
      return actual.isIntegralNumber() && actual.longValue() == count;
    }
    return actual.isNumber() && actual.decimalValue().compareTo((BigDecimal) expectedValue) == 0;
  }

  private void awaitReady(int httpPort, JavaProcess service) {
    await()
        .atMost(READY_BOUND)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              assertThat(service.isAlive()).as("the service process is running").isTrue();
              return status(httpPort, "/health/ready") == 200;
            });
  }

  private static void awaitBroker(String bootstrap) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(() -> !admin.describeCluster().nodes().get().isEmpty());
    }
  }

  private int status(int httpPort, String path) {
    try {
      return http.send(request(httpPort, path), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1; // not listening yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String get(int httpPort, String path) {
    try {
      HttpResponse<String> response =
          http.send(request(httpPort, path), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
      return response.body();
    } catch (IOException e) {
      throw new AssertionError("GET " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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
