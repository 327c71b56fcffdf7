package dev.salespulse.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.query.Partials;
import dev.salespulse.streams.query.PeriodRange;
import dev.salespulse.streams.stores.KpiTotals;
import dev.salespulse.streams.time.BusinessCalendar;
import dev.salespulse.web.json.Json;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.Month;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A resolved period travels to the other instances unchanged: what {@link PartialsCodec#query}
 * writes, {@link PartialsHandler} reads back through a real HTTP server.
 */
class PartialsCodecTest {
  private static final Instant NOW = Instant.parse("2026-11-26T14:03:30Z");
  private final AtomicReference<PeriodRange> received = new AtomicReference<>();
  private Javalin app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.stop();
    }
  }

  /**
   * Custom minute instants have no upper bound, so a year past 9999 is a valid period (a single
   * instance answers it with zeros). {@code Instant.toString} writes such a year with a leading
   * {@code +}, which a query string reads as a space: unencoded, the other instance answers 400 and
   * the asking instance turns that into a 503, a server error for a client's request.
   */
  @Test
  void shouldSendAPeriodWithAFiveDigitYearToTheOtherInstancesUnchanged() throws Exception {
    PeriodRange range =
        PeriodRange.resolve(
            "custom",
            "+10000-01-01T00:00:00Z",
            "+10000-01-01T00:01:00Z",
            NOW,
            new BusinessCalendar(ZoneOffset.UTC, Month.JANUARY),
            Duration.ofHours(48));

    HttpResponse<String> response = get("sum?" + PartialsCodec.query("company:all", range));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(received.get()).isEqualTo(range);
  }

  private HttpResponse<String> get(String request) throws Exception {
    PartialsHandler handler =
        new PartialsHandler(new RecordingPartials(), new PartitionCoverage(Set::of, Map.of()));
    app =
        Javalin.create(
                config -> {
                  config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
                  config.startup.showJavalinBanner = false;
                  config.routes.get(ClusterPartials.PATH + "sum", handler::sum);
                })
            .start(0);
    URI uri = URI.create("http://localhost:" + app.port() + ClusterPartials.PATH + request);
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Remembers the period it was asked for and answers nothing counted. */
  private final class RecordingPartials implements Partials {
    @Override
    public KpiTotals sum(String scope, PeriodRange range) {
      received.set(range);
      return KpiTotals.EMPTY;
    }

    @Override
    public Map<String, KpiTotals> sumAll(String prefix, PeriodRange range) {
      return Map.of();
    }

    @Override
    public List<MinuteTotals> minutes(String scope, Instant from, Instant to) {
      return List.of();
    }

    @Override
    public CustomerTally customers(String scope, PeriodRange range) {
      return new CustomerTally(0, 0);
    }

    @Override
    public long profileGross(String scope, Instant from, Instant to) {
      return 0;
    }
  }
}
