package dev.salespulse.web.webhook;

import static dev.salespulse.web.webhook.Webhooks.NOW;
import static dev.salespulse.web.webhook.Webhooks.STRIPE_SECRET;
import static dev.salespulse.web.webhook.Webhooks.json;
import static dev.salespulse.web.webhook.Webhooks.payload;
import static dev.salespulse.web.webhook.Webhooks.stripe;
import static dev.salespulse.web.webhook.Webhooks.tamper;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.web.json.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StripeWebhookTest {
  private static final byte[] CHARGE = payload("stripe-charge-succeeded.json");
  private static final byte[] REFUND = payload("stripe-charge-refunded.json");

  private final RecordingSink sink = new RecordingSink();
  private final WebhookService service = Webhooks.service(sink);

  @Test
  void shouldTurnAChargeIntoOrderPlacedInMajorUnits() throws Exception {
    WebhookService.Answer answer = service.receive(stripe(CHARGE, STRIPE_SECRET, NOW));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(sink.labels).containsExactly("webhook:stripe");
    assertThat(sink.received)
        .containsExactly(
            Json.MAPPER.readTree(
                """
                {"eventId":"stripe-charge-ch_3QbX7r2eZvKYlo2C1Ab2Cd3E-placed","type":"ORDER_PLACED",
                 "orderId":"stripe-ch_3QbX7r2eZvKYlo2C1Ab2Cd3E","occurredAt":"2026-11-26T14:03:21Z",
                 "repId":"rep-7","customerId":"stripe-cus_R2d2C3p0Bb8aTe","channel":"phone",
                 "currency":"EUR","amount":1250.50}
                """));
  }

  @Test
  void shouldCountMinorUnitsByTheCurrencysDigits() {
    byte[] yen =
        tamper(
            tamper(CHARGE, "\"currency\": \"eur\"", "\"currency\": \"jpy\""),
            "\"amount\": 125050",
            "\"amount\": 5000");
    byte[] dinar =
        tamper(
            tamper(CHARGE, "\"currency\": \"eur\"", "\"currency\": \"kwd\""),
            "\"amount\": 125050",
            "\"amount\": 5005");
    byte[] krona =
        tamper(
            tamper(CHARGE, "\"currency\": \"eur\"", "\"currency\": \"isk\""),
            "\"amount\": 125050",
            "\"amount\": 990000");

    service.receive(stripe(yen, STRIPE_SECRET, NOW));
    service.receive(stripe(dinar, STRIPE_SECRET, NOW));
    service.receive(stripe(krona, STRIPE_SECRET, NOW));

    assertThat(sink.received)
        .extracting(
            e -> e.get("currency").asText() + " " + e.get("amount").decimalValue().toPlainString())
        .containsExactly("JPY 5000", "KWD 5.005", "ISK 9900.00");
  }

  @Test
  void shouldRefundWhatTheCumulativeRefundedAmountGrewBy() throws Exception {
    WebhookService.Answer answer = service.receive(stripe(REFUND, STRIPE_SECRET, NOW));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(sink.received)
        .containsExactly(
            Json.MAPPER.readTree(
                """
                {"eventId":"stripe-evt_3QbX7r2eZvKYlo2C1rF9uN2b","type":"ORDER_REFUNDED",
                 "orderId":"stripe-ch_3QbX7r2eZvKYlo2C1Ab2Cd3E","occurredAt":"2026-11-27T16:40:00Z",
                 "currency":"EUR","amount":500.50}
                """));
  }

  @Test
  void shouldRefuseARefundWhoseEarlierTotalIsUnknown() {
    byte[] noPrevious = tamper(REFUND, "\"amount_refunded\": 25000", "\"refunded\": false");

    WebhookService.Answer answer = service.receive(stripe(noPrevious, STRIPE_SECRET, NOW));

    assertThat(answer.status()).isEqualTo(422);
    assertThat(json(answer.body()))
        .contains(
            "\"reason\":\"unmappable\"",
            "ORDER_REFUNDED needs 'amount'",
            "data.previous_attributes.amount_refunded");
  }

  @Test
  void shouldRefuseAChargeWithoutRepInItsMetadata() {
    byte[] noRep = tamper(CHARGE, "\"repId\": \"rep-7\", ", "");

    WebhookService.Answer answer = service.receive(stripe(noRep, STRIPE_SECRET, NOW));

    assertThat(answer.status()).isEqualTo(422);
    assertThat(json(answer.body()))
        .contains(
            "ORDER_PLACED needs 'repId', and the payload has no value at data.object.metadata.repId");
  }

  @Test
  void shouldAcceptTheSignatureWithinFiveMinutesAndRefuseAStaleOne() {
    assertThat(service.receive(stripe(CHARGE, STRIPE_SECRET, NOW.minusSeconds(299))).status())
        .isEqualTo(200);

    WebhookService.Answer stale =
        service.receive(
            stripe(CHARGE, STRIPE_SECRET, NOW.minus(Duration.ofMinutes(5)).minusSeconds(1)));
    assertThat(stale.status()).isEqualTo(401);
    assertThat(json(stale.body()))
        .isEqualTo(
            "{\"error\":\"bad-signature\",\"detail\":\"the signed timestamp 2026-11-27T16:35:09Z is"
                + " more than 300 s from this server's clock (2026-11-27T16:40:10Z): a replayed or"
                + " delayed request\"}");
    assertThat(sink.received).hasSize(1);
  }

  @Test
  void shouldRefuseAWrongSecretAndATamperedBody() {
    assertThat(service.receive(stripe(CHARGE, "whsec_someone-elses", NOW)).status()).isEqualTo(401);

    WebhookRequest signed = stripe(CHARGE, STRIPE_SECRET, NOW);
    byte[] richer = tamper(CHARGE, "\"amount\": 125050", "\"amount\": 925050");
    WebhookService.Answer tampered =
        service.receive(
            new WebhookRequest(
                "stripe", "POST", signed.uri(), signed.headers(), richer, signed.token()));
    assertThat(tampered.status()).isEqualTo(401);
    assertThat(json(tampered.body()))
        .contains("Stripe-Signature has no v1 signature made with the source's secret");
    assertThat(sink.received).isEmpty();
  }

  @Test
  void shouldTakeEitherSecretWhileOneIsRotated() {
    WebhookService rotating =
        Webhooks.service(
            sink,
            WebhookMappings.load(java.util.Optional.empty()),
            java.util.Map.of("SALESPULSE_WEBHOOK_STRIPE_SECRET", "whsec_new, " + STRIPE_SECRET));

    assertThat(rotating.receive(stripe(CHARGE, STRIPE_SECRET, NOW)).status()).isEqualTo(200);
    assertThat(rotating.receive(stripe(CHARGE, "whsec_new", NOW)).status()).isEqualTo(200);
  }

  @Test
  void shouldCountARetriedChargeAndRefundOnce() {
    // Stripe retries an event with the same id and body, signed again at the time of the retry.
    service.receive(stripe(CHARGE, STRIPE_SECRET, NOW.minusSeconds(60)));
    service.receive(stripe(CHARGE, STRIPE_SECRET, NOW));
    service.receive(stripe(REFUND, STRIPE_SECRET, NOW.minusSeconds(30)));
    service.receive(stripe(REFUND, STRIPE_SECRET, NOW));

    assertThat(sink.eventIds())
        .containsExactly(
            "stripe-charge-ch_3QbX7r2eZvKYlo2C1Ab2Cd3E-placed",
            "stripe-charge-ch_3QbX7r2eZvKYlo2C1Ab2Cd3E-placed",
            "stripe-evt_3QbX7r2eZvKYlo2C1rF9uN2b",
            "stripe-evt_3QbX7r2eZvKYlo2C1rF9uN2b");
    assertThat(sink.counted)
        .containsExactly(
            "stripe-charge-ch_3QbX7r2eZvKYlo2C1Ab2Cd3E-placed",
            "stripe-evt_3QbX7r2eZvKYlo2C1rF9uN2b");
  }
}
