package dev.salespulse.web.webhook;

import static dev.salespulse.web.webhook.Webhooks.INGEST_TOKEN;
import static dev.salespulse.web.webhook.Webhooks.NOW;
import static dev.salespulse.web.webhook.Webhooks.SECRETS;
import static dev.salespulse.web.webhook.Webhooks.STRIPE_SECRET;
import static dev.salespulse.web.webhook.Webhooks.json;
import static dev.salespulse.web.webhook.Webhooks.payload;
import static dev.salespulse.web.webhook.Webhooks.stripe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salespulse.streams.config.ConfigException;
import dev.salespulse.web.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sources added or replaced by the files of SALESPULSE_WEBHOOK_DIR. */
class WebhookDirectoryTest {
  private static final String PHONE_SYSTEM =
      """
      source: phone-system
      description: the office phone system's call log, sent unsigned from inside the network
      signature: {scheme: none}
      type: {path: kind}
      ignore: ["voicemail.*"]
      events:
        - on: call.ended
          emit: CALL
          fields:
            eventId: {concat: ["phone-", {path: callId}]}
            occurredAt: {path: endedAt, convert: unixSeconds}
            repId: {path: agent.extension, removePrefix: "ext-"}
            outcome: {path: result, convert: upper}
            durationSeconds: {path: seconds, convert: integer}
      """;

  private static final String ACME_CRM =
      """
      {"source": "acme-crm",
       "signature": {"scheme": "hmac-sha256", "header": "X-Acme-Signature", "encoding": "hex",
                     "prefix": "sha256="},
       "type": {"header": "X-Acme-Event"},
       "events": [{"on": "deal.won", "emit": "DEAL_WON",
                   "fields": {"eventId": {"path": "id"}, "occurredAt": {"path": "at"},
                              "repId": {"path": "owner"}, "dealValue": {"path": "value"}}}]}
      """;

  private static final String STRIPE_OVERRIDE =
      """
      source: stripe
      signature: {scheme: stripe}
      type: {path: type}
      events:
        - on: charge.succeeded
          emit: ORDER_PLACED
          fields:
            eventId: {concat: ["stripe-charge-", {path: data.object.id}, "-placed"]}
            orderId: {concat: ["stripe-", {path: data.object.id}]}
            occurredAt: {path: data.object.created, convert: unixSeconds}
            repId: {concat: ["sp-", {path: data.object.metadata.repId}]}
            currency: {path: data.object.currency, convert: upper}
            amount:
              path: data.object.amount
              convert: minorUnits
              currency: {path: data.object.currency}
            channel: online
      """;

  @TempDir Path dir;
  private final RecordingSink sink = new RecordingSink();

  @Test
  void shouldTakeAnUnsignedSourceFromAFileWithTheIngestToken() throws Exception {
    write("phone-system.yaml", PHONE_SYSTEM);
    WebhookService service = Webhooks.service(sink, Webhooks.mappingsFrom(dir), SECRETS);
    byte[] call =
        """
        {"kind":"call.ended","callId":"c-881","endedAt":1795701801,
         "agent":{"extension":"ext-rep-7"},"result":"connected","seconds":"240"}
        """
            .getBytes(StandardCharsets.UTF_8);

    WebhookService.Answer withToken = service.receive(unsigned(call, Optional.of(INGEST_TOKEN)));

    assertThat(withToken.status()).isEqualTo(200);
    assertThat(sink.received)
        .containsExactly(
            Json.MAPPER.readTree(
                """
                {"eventId":"phone-c-881","type":"CALL","occurredAt":"2026-11-26T14:03:21Z",
                 "repId":"rep-7","outcome":"CONNECTED","durationSeconds":240}
                """));
    assertThat(service.receive(unsigned(call, Optional.empty())).status()).isEqualTo(401);
    assertThat(service.receive(unsigned(call, Optional.of("viewer-token"))).status())
        .isEqualTo(401);
    assertThat(
            service
                .receive(
                    unsigned("{\"kind\":\"voicemail.left\"}".getBytes(), Optional.of(INGEST_TOKEN)))
                .status())
        .isEqualTo(200);
  }

  @Test
  void shouldRefuseAnUnsignedSourceWhileNoIngestTokenIsSet() throws Exception {
    write("phone-system.yaml", PHONE_SYSTEM);
    WebhookService service =
        new WebhookService(
            Webhooks.mappingsFrom(dir), SECRETS, Optional.empty(), sink::labelled, Webhooks.CLOCK);

    WebhookService.Answer answer = service.receive(unsigned("{}".getBytes(), Optional.of("x")));

    assertThat(answer.status()).isEqualTo(403);
    assertThat(json(answer.body()))
        .isEqualTo(
            "{\"error\":\"forbidden\",\"detail\":\"source 'phone-system' is mapped as unsigned,"
                + " which needs SALESPULSE_INGEST_TOKEN to be set and sent with each request\"}");
  }

  @Test
  void shouldCheckAHexSignatureWithPrefixFromAJsonFile() throws Exception {
    write("acme.json", ACME_CRM);
    Map<String, String> secrets = new HashMap<>(SECRETS);
    secrets.put("SALESPULSE_WEBHOOK_ACME_CRM_SECRET", "acme-secret");
    WebhookService service = Webhooks.service(sink, Webhooks.mappingsFrom(dir), secrets);
    byte[] body =
        "{\"id\":\"d-1\",\"at\":\"2026-11-26T14:03:21Z\",\"owner\":\"rep-9\",\"value\":\"4200.00\"}"
            .getBytes(StandardCharsets.UTF_8);

    WebhookService.Answer good = service.receive(acme(body, "acme-secret"));
    WebhookService.Answer bad = service.receive(acme(body, "other-secret"));

    assertThat(good.status()).isEqualTo(200);
    assertThat(bad.status()).isEqualTo(401);
    assertThat(sink.received)
        .containsExactly(
            Json.MAPPER.readTree(
                """
                {"eventId":"d-1","type":"DEAL_WON","occurredAt":"2026-11-26T14:03:21Z",
                 "repId":"rep-9","dealValue":"4200.00"}
                """));
  }

  @Test
  void shouldReplaceABuiltInSourceWithAFileOfTheSameName() throws Exception {
    write("stripe.yml", STRIPE_OVERRIDE);
    WebhookMappings mappings = Webhooks.mappingsFrom(dir);
    WebhookService service = Webhooks.service(sink, mappings, SECRETS);

    service.receive(stripe(payload("stripe-charge-succeeded.json"), STRIPE_SECRET, NOW));

    assertThat(mappings.sources()).containsExactly("hubspot", "shopify", "stripe");
    assertThat(mappings.origins().get("stripe")).isEqualTo(dir.resolve("stripe.yml").toString());
    assertThat(sink.received)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.get("repId").asText()).isEqualTo("sp-rep-7");
              assertThat(e.get("channel").asText()).isEqualTo("online");
              assertThat(e.has("customerId")).isFalse();
            });
  }

  @Test
  void shouldStopTheStartOnABadFileNamingItAndTheProblem() throws IOException {
    write("broken.yaml", PHONE_SYSTEM.replace("emit: CALL", "emit: PHONE_CALL"));

    assertThatThrownBy(() -> Webhooks.mappingsFrom(dir))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Webhook mapping "
                + dir.resolve("broken.yaml")
                + ": events[0].emit 'PHONE_CALL': not a contract event type");
  }

  @Test
  void shouldRefuseAFieldTheEventDoesNotHaveAndASecretInTheFile() throws IOException {
    write("a.yaml", PHONE_SYSTEM.replace("outcome:", "amount:"));
    assertThatThrownBy(() -> Webhooks.mappingsFrom(dir))
        .hasMessageEndingWith(": events[0].fields.amount: CALL has no field 'amount'");

    write("a.yaml", PHONE_SYSTEM.replace("{scheme: none}", "{scheme: stripe, secret: whsec_abc}"));
    assertThatThrownBy(() -> Webhooks.mappingsFrom(dir))
        .hasMessageEndingWith(
            ": signature.secret 'whsec_abc': name a setting SALESPULSE_WEBHOOK_<NAME>_SECRET"
                + " (never the secret itself)");
  }

  @Test
  void shouldRefuseTwoFilesForOneSource() throws IOException {
    write("one.yaml", PHONE_SYSTEM);
    write("two.yaml", PHONE_SYSTEM);

    assertThatThrownBy(() -> Webhooks.mappingsFrom(dir))
        .hasMessageContaining("both define source 'phone-system'");
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
  }

  private static WebhookRequest unsigned(byte[] body, Optional<String> token) {
    return new WebhookRequest(
        "phone-system",
        "POST",
        "http://localhost/api/v1/webhooks/phone-system",
        Map.of(),
        body,
        token);
  }

  private static WebhookRequest acme(byte[] body, String secret) {
    return new WebhookRequest(
        "acme-crm",
        "POST",
        "https://sales.example.com/api/v1/webhooks/acme-crm",
        Map.of(
            "x-acme-event",
            "deal.won",
            "x-acme-signature",
            "sha256=" + HexFormat.of().formatHex(Webhooks.hmac(secret, body))),
        body,
        Optional.empty());
  }
}
