package dev.salespulse.web.webhook;

import static dev.salespulse.web.webhook.Webhooks.HUBSPOT_SECRET;
import static dev.salespulse.web.webhook.Webhooks.NOW;
import static dev.salespulse.web.webhook.Webhooks.hubSpot;
import static dev.salespulse.web.webhook.Webhooks.json;
import static dev.salespulse.web.webhook.Webhooks.payload;
import static dev.salespulse.web.webhook.Webhooks.tamper;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.web.json.Json;
import org.junit.jupiter.api.Test;

class HubSpotWebhookTest {
  private static final byte[] BATCH = payload("hubspot-deal-stage.json");

  private final RecordingSink sink = new RecordingSink();
  private final WebhookService service = Webhooks.service(sink);

  @Test
  void shouldTurnClosedWonAndLostIntoDealEventsAndIgnoreOtherStages() throws Exception {
    WebhookService.Answer answer = service.receive(hubSpot(BATCH, HUBSPOT_SECRET, NOW));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(json(answer.body()))
        .isEqualTo("{\"accepted\":2,\"rejected\":0,\"ignored\":1,\"errors\":[]}");
    assertThat(sink.labels).containsExactly("webhook:hubspot");
    assertThat(sink.received)
        .containsExactly(
            Json.MAPPER.readTree(
                """
                {"eventId":"hubspot-62515-deal-9876543210-1753429612","type":"DEAL_WON",
                 "occurredAt":"2026-11-26T14:03:21Z","repId":"rep-4455667"}
                """),
            Json.MAPPER.readTree(
                """
                {"eventId":"hubspot-62515-deal-9876543211-1753429613","type":"DEAL_LOST",
                 "occurredAt":"2026-11-26T14:03:22.500Z","repId":"rep-7788990"}
                """));
  }

  @Test
  void shouldTakeTheGenericObjectEventsOfDeals() {
    byte[] generic =
        ("[{\"eventId\":77,\"portalId\":62515,\"occurredAt\":1795701801000,"
                + "\"subscriptionType\":\"object.propertyChange\",\"objectTypeId\":\"0-3\","
                + "\"objectId\":5,\"propertyName\":\"dealstage\",\"propertyValue\":\"closedwon\","
                + "\"sourceId\":\"userId:42\"},"
                + "{\"eventId\":78,\"portalId\":62515,\"occurredAt\":1795701801000,"
                + "\"subscriptionType\":\"object.propertyChange\",\"objectTypeId\":\"0-5\","
                + "\"objectId\":6,\"propertyName\":\"dealstage\",\"propertyValue\":\"closedwon\","
                + "\"sourceId\":\"userId:42\"}]")
            .getBytes();

    WebhookService.Answer answer = service.receive(hubSpot(generic, HUBSPOT_SECRET, NOW));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(sink.eventIds()).containsExactly("hubspot-62515-deal-5-77");
  }

  @Test
  void shouldSendTheMappableEventsOfABatchAndRefuseTheOneWithoutAUser() {
    byte[] byWorkflow =
        tamper(BATCH, "\"sourceId\": \"userId:7788990\"", "\"sourceId\": \"enrollmentId:12\"");

    WebhookService.Answer answer = service.receive(hubSpot(byWorkflow, HUBSPOT_SECRET, NOW));

    assertThat(answer.status()).isEqualTo(422);
    assertThat(json(answer.body()))
        .isEqualTo(
            "{\"accepted\":1,\"rejected\":1,\"ignored\":1,\"errors\":[{\"index\":1,"
                + "\"eventId\":\"hubspot-62515-deal-9876543211-1753429613\","
                + "\"reason\":\"unmappable\",\"detail\":\"DEAL_LOST needs 'repId', and the payload"
                + " has no value at sourceId / (starting 'userId:')\"}]}");
    assertThat(sink.eventIds()).containsExactly("hubspot-62515-deal-9876543210-1753429612");
  }

  @Test
  void shouldAnswer422WhenTheIngestRefusesAnEvent() {
    RecordingSink refusing = new RecordingSink(e -> e.get("type").asText().equals("DEAL_LOST"));

    WebhookService.Answer answer =
        Webhooks.service(refusing).receive(hubSpot(BATCH, HUBSPOT_SECRET, NOW));

    assertThat(answer.status()).isEqualTo(422);
    assertThat(json(answer.body()))
        .isEqualTo(
            "{\"accepted\":1,\"rejected\":1,\"ignored\":1,\"errors\":[{\"index\":1,"
                + "\"eventId\":\"hubspot-62515-deal-9876543211-1753429613\","
                + "\"reason\":\"invalid-event\",\"detail\":\"refused by the test\"}]}");
  }

  @Test
  void shouldAcceptTheV3SignatureAndRefuseWrongSecretTamperedBodyOrOtherUrl() {
    assertThat(service.receive(hubSpot(BATCH, HUBSPOT_SECRET, NOW)).status()).isEqualTo(200);

    assertThat(service.receive(hubSpot(BATCH, "not-the-client-secret", NOW)).status())
        .isEqualTo(401);

    WebhookRequest signed = hubSpot(BATCH, HUBSPOT_SECRET, NOW);
    byte[] won = tamper(BATCH, "\"closedlost\"", "\"closedwon\"");
    assertThat(
            service
                .receive(
                    new WebhookRequest(
                        "hubspot", "POST", signed.uri(), signed.headers(), won, signed.token()))
                .status())
        .isEqualTo(401);
    assertThat(
            service
                .receive(
                    new WebhookRequest(
                        "hubspot",
                        "POST",
                        "https://elsewhere.example.com/api/v1/webhooks/hubspot",
                        signed.headers(),
                        BATCH,
                        signed.token()))
                .status())
        .isEqualTo(401);
  }

  @Test
  void shouldRefuseATimestampOlderThanFiveMinutes() {
    WebhookService.Answer stale =
        service.receive(hubSpot(BATCH, HUBSPOT_SECRET, NOW.minusSeconds(301)));

    assertThat(stale.status()).isEqualTo(401);
    assertThat(json(stale.body())).contains("the signed timestamp 2026-11-27T16:35:09Z");
    assertThat(service.receive(hubSpot(BATCH, HUBSPOT_SECRET, NOW.minusSeconds(299))).status())
        .isEqualTo(200);
  }

  @Test
  void shouldCountARetriedBatchOnce() {
    // HubSpot retries a batch with the same events, attemptNumber raised, signed anew.
    service.receive(hubSpot(BATCH, HUBSPOT_SECRET, NOW.minusSeconds(120)));
    byte[] retry = tamper(BATCH, "\"attemptNumber\": 0", "\"attemptNumber\": 1");
    service.receive(hubSpot(retry, HUBSPOT_SECRET, NOW));

    assertThat(sink.eventIds())
        .containsExactly(
            "hubspot-62515-deal-9876543210-1753429612",
            "hubspot-62515-deal-9876543211-1753429613",
            "hubspot-62515-deal-9876543210-1753429612",
            "hubspot-62515-deal-9876543211-1753429613");
    assertThat(sink.counted)
        .containsExactly(
            "hubspot-62515-deal-9876543210-1753429612", "hubspot-62515-deal-9876543211-1753429613");
  }

  @Test
  void shouldRefuseMoreThanTenThousandEventsAndSendNoneOfThem() {
    String many = "[" + String.join(",", java.util.Collections.nCopies(10_001, "{}")) + "]";

    WebhookService.Answer answer = service.receive(hubSpot(many.getBytes(), HUBSPOT_SECRET, NOW));

    assertThat(answer.status()).isEqualTo(413);
    assertThat(json(answer.body()))
        .isEqualTo(
            "{\"error\":\"too-large\",\"detail\":\"the payload holds 10001 events, more than"
                + " 10000 in one webhook\"}");
    assertThat(sink.received).isEmpty();
  }

  @Test
  void shouldDecodeTheEscapesHubSpotDecodesInTheSignedUri() {
    assertThat(Signatures.hubSpotUri("https://h.example.com/hook%3Fa%3Db%2Cc%40d?x=%2a"))
        .isEqualTo("https://h.example.com/hook?a%3Db,c@d?x=*");
  }
}
