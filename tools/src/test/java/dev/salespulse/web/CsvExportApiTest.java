package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.web.json.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code format=csv} of the read API and the manager's table export on a real SalesPulse: four reps
 * on the roster (one named like a spreadsheet formula, one with a comma, one with quotes on a team
 * named like a formula, without events), a handful of orders and calls on 2026-11-26 (UTC, the wall
 * clock stopped at 15:00, business hours 09:00-18:00, so two thirds of the day are expected) and a
 * day revenue target of 2,000 for Ada. Each export must be exactly the expected file.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsvExportApiTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T15:00:00Z"), ZoneOffset.UTC);
  private static final String KPI_COLUMNS =
      "revenue,target,attainment,pace,projected,gap,grossRevenue,orders,units,aov,refundRate,"
          + "calls,emails,meetings,demos,leads,connectRate,dealsWon,dealsLost,winRate";
  private static final String ADA =
      "rep:rep-ada,Ada Park,North,EMEA,1250.51,2000.00,0.6253,0.9379,1875.76,749.49,"
          + "1250.51,2,0,625.26,0.0000,1,0,0,0,0,1.0000,0,0,";
  private static final String CHO =
      "rep:rep-cho,'=SUM(A1:A9),South,AMER,300.00,,,,,,300.00,1,0,300.00,0.0000,0,0,0,0,0,,0,0,";
  private static final String BEN =
      "rep:rep-ben,\"Okafor, Ben\",North,EMEA,99.99,,,,,,99.99,1,0,99.99,0.0000,1,0,0,0,0,"
          + "0.0000,0,0,";
  private static final String DEE =
      "rep:rep-dee,\"'+Dee \"\"The Closer\"\"\",'@ops,AMER,0.00,,,,,,0.00,0,0,,,0,0,0,0,0,,0,0,";

  private RunningApp running;

  @BeforeAll
  void start(@TempDir Path dir) {
    running = RunningApp.start(dir, CLOCK, Map.of("SALESPULSE_BUSINESS_HOURS", "09:00-18:00"));
    rep("rep-ada", "Ada Park", "team-north", "EMEA");
    rep("rep-ben", "Okafor, Ben", "team-north", "EMEA");
    rep("rep-cho", "=SUM(A1:A9)", "team-south", "AMER");
    rep("rep-dee", "+Dee \"The Closer\"", "@ops", "AMER");
    running.producer.send(
        new ProducerRecord<>(
            running.topics.targets().name(),
            "REP:rep-ada:DAY:REVENUE",
            "{\"scope\":\"REP\",\"scopeId\":\"rep-ada\",\"period\":\"DAY\","
                + "\"metric\":\"REVENUE\",\"value\":2000}"));
    running.producer.flush();
    running.awaitReady();
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> running.getJson("/api/v1/scopes?dimension=rep").get("scopes").size() == 4);

    order("xo-1", "rep-ada", "2026-11-26T09:15:00Z", "1250.50");
    order("xo-2", "rep-ben", "2026-11-26T11:40:00Z", "99.99");
    order("xo-3", "rep-cho", "2026-11-26T11:05:00Z", "300.00");
    order("xo-4", "rep-ada", "2026-11-26T14:59:59Z", "0.01");
    order("xo-5", "rep-cho", "2026-11-25T10:00:00Z", "50.00");
    call("xa-1", "rep-ada", "2026-11-26T10:00:00Z", "CONNECTED");
    call("xa-2", "rep-ben", "2026-11-26T10:30:00Z", "NO_ANSWER");
    running.producer.flush();

    // Each scope is counted on its own (rep, team, company and customers apart): wait for every
    // figure the files below hold, through the leaderboards and KPI answers.
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () ->
                board("rep", "revenue")
                        .equals("rep:rep-ada=1250.51 rep:rep-cho=300.00 rep:rep-ben=99.99 ")
                    && board("rep", "calls").equals("rep:rep-ada=1 rep:rep-ben=1 rep:rep-cho=0 ")
                    && board("team", "revenue")
                        .equals("team:team-north=1350.50 team:team-south=300.00 ")
                    && board("team", "calls").equals("team:team-north=2 team:team-south=0 ")
                    && running
                            .getJson("/api/v1/kpis?scope=rep:rep-ada&period=today")
                            .get("kpis")
                            .get("customers")
                            .asLong()
                        == 2
                    && !running
                        .getJson("/api/v1/kpis?scope=rep:rep-ada&period=today")
                        .get("kpis")
                        .get("target")
                        .isNull());
  }

  /** Today's leaderboard of a dimension by a metric as "scope=value " for each row. */
  private String board(String dimension, String metric) {
    StringBuilder rows = new StringBuilder();
    running
        .getJson(
            "/api/v1/leaderboard?dimension=%s&metric=%s&period=today&limit=500"
                .formatted(dimension, metric))
        .get("rows")
        .forEach(
            row ->
                rows.append(row.get("scope").asText())
                    .append('=')
                    .append(row.get("value").decimalValue().toPlainString())
                    .append(' '));
    return rows.toString();
  }

  @AfterAll
  void stop() {
    running.close();
  }

  @Test
  void repTableIsOneRowPerRepOfTheRosterOrderedByRevenueWithFormulasNeutralised() {
    HttpResponse<String> response =
        running.get("/api/v1/table?dimension=rep&period=today&format=csv");

    assertCsvFile(response, "salespulse-reps-company-all-today-2026-11-26.csv");
    assertThat(response.body())
        .isEqualTo(csv("scope,name,team,region," + KPI_COLUMNS, ADA, CHO, BEN, DEE));
  }

  @Test
  void repTableOfATeamOrARegionHasOnlyTheirReps() {
    assertThat(running.get("/api/v1/table?dimension=rep&scope=team:team-north&format=csv").body())
        .isEqualTo(csv("scope,name,team,region," + KPI_COLUMNS, ADA, BEN));
    HttpResponse<String> region =
        running.get("/api/v1/table?dimension=rep&scope=region:AMER&period=today&format=csv");
    assertCsvFile(region, "salespulse-reps-region-AMER-today-2026-11-26.csv");
    assertThat(region.body()).isEqualTo(csv("scope,name,team,region," + KPI_COLUMNS, CHO, DEE));
  }

  @Test
  void teamTableSumsTheirRepsAndNeutralisesATeamNamedLikeAFormula() {
    HttpResponse<String> response =
        running.get("/api/v1/table?dimension=team&period=today&format=csv");

    assertCsvFile(response, "salespulse-teams-company-all-today-2026-11-26.csv");
    assertThat(response.body())
        .isEqualTo(
            csv(
                "scope,name,team,region," + KPI_COLUMNS,
                "team:team-north,North,,EMEA,1350.50,,,,,,1350.50,3,0,450.17,0.0000,2,0,0,0,0,"
                    + "0.5000,0,0,",
                "team:team-south,South,,AMER,300.00,,,,,,300.00,1,0,300.00,0.0000,0,0,0,0,0,,0,0,",
                "team:@ops,'@ops,,AMER,0.00,,,,,,0.00,0,0,,,0,0,0,0,0,,0,0,"));
  }

  @Test
  void tableAnswersJsonByDefault() {
    HttpResponse<String> response =
        running.get("/api/v1/table?dimension=rep&scope=team:team-north");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode answer = running.parse(response.body());
    assertThat(answer.get("dimension").asText()).isEqualTo("rep");
    assertThat(answer.get("scope").asText()).isEqualTo("team:team-north");
    assertThat(answer.get("period").asText()).isEqualTo("today");
    assertThat(answer.get("asOf").asText()).isEqualTo("2026-11-26T14:59:59Z");
    assertThat(answer.get("currency").asText()).isEqualTo("USD");
    JsonNode ada = answer.get("rows").get(0);
    assertThat(ada.get("scope").asText()).isEqualTo("rep:rep-ada");
    assertThat(ada.get("team").asText()).isEqualTo("team:team-north");
    assertThat(ada.get("teamName").asText()).isEqualTo("North");
    assertThat(ada.get("region").asText()).isEqualTo("region:EMEA");
    assertThat(ada.get("kpis").get("pace").decimalValue()).isEqualByComparingTo("0.9379");
    assertThat(answer.get("rows")).hasSize(2);
  }

  @Test
  void leaderboardAsCsvIsRankScopeNameValueAndAttainment() {
    HttpResponse<String> response =
        running.get("/api/v1/leaderboard?dimension=rep&metric=revenue&period=today&format=csv");

    assertCsvFile(response, "salespulse-leaderboard-rep-revenue-today-2026-11-26.csv");
    assertThat(response.body())
        .isEqualTo(
            csv(
                "rank,scope,name,revenue,attainment",
                "1,rep:rep-ada,Ada Park,1250.51,0.6253",
                "2,rep:rep-cho,'=SUM(A1:A9),300.00,",
                "3,rep:rep-ben,\"Okafor, Ben\",99.99,"));
  }

  @Test
  void timeseriesAsCsvIsOnePointARowWithIsoInstants() {
    HttpResponse<String> response =
        running.get(
            "/api/v1/timeseries?scope=rep:rep-ada&metric=revenue&period=today&step=1h&format=csv");

    assertCsvFile(response, "salespulse-timeseries-rep-rep-ada-revenue-1h-today-2026-11-26.csv");
    String[] rows = new String[24];
    for (int hour = 0; hour < 24; hour++) {
      String value = hour == 9 ? "1250.50" : hour == 14 ? "0.01" : "0.00";
      rows[hour] = "2026-11-26T%02d:00:00Z,%s".formatted(hour, value);
    }
    assertThat(response.body()).isEqualTo(csv("t,revenue", rows));
  }

  @Test
  void kpisAsCsvIsOneRowWithTheTargetInTheCurrencysDigits() {
    HttpResponse<String> response =
        running.get("/api/v1/kpis?scope=rep:rep-ada&period=today&format=csv");

    assertCsvFile(response, "salespulse-kpis-rep-rep-ada-today-2026-11-26.csv");
    assertThat(response.body())
        .isEqualTo(
            csv(
                "scope,name,period,from,to,asOf,currency,revenue,grossRevenue,orders,units,aov,"
                    + "refundRate,calls,emails,meetings,demos,leads,connectRate,dealsWon,"
                    + "dealsLost,winRate,customers,newCustomers,repeatRate,target,attainment,"
                    + "pace,projected,gap",
                "rep:rep-ada,Ada Park,today,2026-11-26T00:00:00Z,2026-11-27T00:00:00Z,"
                    + "2026-11-26T14:59:59Z,USD,1250.51,1250.51,2,0,625.26,0.0000,1,0,0,0,0,"
                    + "1.0000,0,0,,2,2,0.0000,2000.00,0.6253,0.9379,1875.76,749.49"));
  }

  @Test
  void anUnknownFormatIsABadRequestNamingTheAllowedOnes() {
    for (String path :
        new String[] {
          "/api/v1/kpis?scope=company:all&format=xlsx",
          "/api/v1/leaderboard?dimension=rep&format=xlsx",
          "/api/v1/timeseries?scope=company:all&step=1h&format=xlsx",
          "/api/v1/table?dimension=rep&format=xlsx"
        }) {
      HttpResponse<String> response = running.get(path);

      assertThat(response.statusCode()).as("status of %s", path).isEqualTo(400);
      JsonNode error = running.parse(response.body());
      assertThat(error.get("error").asText()).isEqualTo("bad-request");
      assertThat(error.get("detail").asText())
          .isEqualTo("unknown format 'xlsx'; allowed formats: json, csv");
    }
  }

  @Test
  void aTableOfAnotherDimensionOrFilterIsABadRequest() {
    HttpResponse<String> channel = running.get("/api/v1/table?dimension=channel&format=csv");
    HttpResponse<String> byRep =
        running.get("/api/v1/table?dimension=team&scope=rep:rep-ada&format=csv");

    assertThat(channel.statusCode()).isEqualTo(400);
    assertThat(running.parse(channel.body()).get("detail").asText())
        .isEqualTo("unknown dimension 'channel'; a table is of rep, team or region");
    assertThat(byRep.statusCode()).isEqualTo(400);
    assertThat(running.parse(byRep.body()).get("detail").asText())
        .isEqualTo("a table is filtered by company:all, a region or a team, not rep:rep-ada");
  }

  private static void assertCsvFile(HttpResponse<String> response, String fileName) {
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
    assertThat(response.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"" + fileName + "\"");
  }

  private static String csv(String header, String... rows) {
    StringBuilder csv = new StringBuilder(header).append("\r\n");
    for (String row : rows) {
      csv.append(row).append("\r\n");
    }
    return csv.toString();
  }

  private void rep(String repId, String name, String teamId, String region) {
    String json =
        Json.write(
            Json.MAPPER
                .createObjectNode()
                .put("repId", repId)
                .put("name", name)
                .put("teamId", teamId)
                .put("region", region)
                .put("active", true));
    running.producer.send(new ProducerRecord<>(running.topics.reps().name(), repId, json));
  }

  private void order(String orderId, String repId, String at, String amount) {
    String json =
        ("{\"eventId\":\"e-%s\",\"type\":\"ORDER_PLACED\",\"orderId\":\"%s\",\"occurredAt\":\"%s\","
                + "\"repId\":\"%s\",\"customerId\":\"c-%s\",\"currency\":\"USD\",\"amount\":%s}")
            .formatted(orderId, orderId, at, repId, orderId, amount);
    running.producer.send(new ProducerRecord<>(running.topics.orders().name(), orderId, json));
  }

  private void call(String eventId, String repId, String at, String outcome) {
    String json =
        ("{\"eventId\":\"%s\",\"type\":\"CALL\",\"occurredAt\":\"%s\",\"repId\":\"%s\","
                + "\"outcome\":\"%s\",\"durationSeconds\":120}")
            .formatted(eventId, at, repId, outcome);
    running.producer.send(new ProducerRecord<>(running.topics.activities().name(), repId, json));
  }
}
