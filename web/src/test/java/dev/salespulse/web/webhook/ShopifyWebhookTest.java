package dev.salespulse.web.webhook;

import static dev.salespulse.web.webhook.Webhooks.SHOPIFY_SECRET;
import static dev.salespulse.web.webhook.Webhooks.json;
import static dev.salespulse.web.webhook.Webhooks.payload;
import static dev.salespulse.web.webhook.Webhooks.shopify;
import static dev.salespulse.web.webhook.Webhooks.tamper;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.web.http.ApiError;
import dev.salespulse.web.json.Json;
import org.junit.jupiter.api.Test;

class ShopifyWebhookTest {
  private static final byte[] ORDER = payload("shopify-orders-create.json");
  private static final byte[] REFUND = payload("shopify-refunds-create.json");

  private final RecordingSink sink = new RecordingSink();
  private final WebhookService service = Webhooks.service(sink);

  @Test
  void shouldTurnAnOrderIntoOrderPlaced() throws Exception {
    WebhookService.Answer answer =
        service.receive(
            shopify(
                "orders/create", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", ORDER, SHOPIFY_SECRET));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(json(answer.body()))
        .isEqualTo("{\"accepted\":1,\"rejected\":0,\"ignored\":0,\"errors\":[]}");
    assertThat(sink.labels).containsExactly("webhook:shopify");
    assertThat(sink.received)
        .containsExactly(
            Json.MAPPER.readTree(
                """
                {"eventId":"shopify-order-820982911946154508-placed","type":"ORDER_PLACED",
                 "orderId":"shopify-820982911946154508","occurredAt":"2026-11-26T14:03:22Z",
                 "repId":"rep-7","customerId":"shopify-customer-207119551","channel":"web",
                 "currency":"USD","amount":403.00,
                 "lines":[{"sku":"IPOD2008GREEN","quantity":1,"unitPrice":199.00},
                          {"sku":"EARBUDS-W","quantity":2,"unitPrice":99.50}]}
                """));
  }

  @Test
  void shouldTurnARefundIntoOrderRefundedOfItsSuccessfulTransactions() throws Exception {
    WebhookService.Answer answer =
        service.receive(shopify("refunds/create", "0d1e2f3a-refund", REFUND, SHOPIFY_SECRET));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(sink.received)
        .containsExactly(
            Json.MAPPER.readTree(
                """
                {"eventId":"shopify-refund-509562969","type":"ORDER_REFUNDED",
                 "orderId":"shopify-820982911946154508","occurredAt":"2026-11-27T10:20:05Z",
                 "amount":199.00,"currency":"USD"}
                """));
  }

  @Test
  void shouldCreditTheStaffMemberWhenNoRepIsNamed() {
    byte[] posOrder =
        tamper(
            tamper(ORDER, "\"user_id\": null", "\"user_id\": 548380009"),
            "\"name\": \"salespulse_rep\"",
            "\"name\": \"other\"");

    service.receive(shopify("orders/create", "w-2", posOrder, SHOPIFY_SECRET));

    assertThat(sink.received).singleElement().satisfies(e -> assertRep(e, "rep-548380009"));
  }

  @Test
  void shouldRefuseAnOrderWithoutRepSayingWhereItLooked() {
    byte[] noRep = tamper(ORDER, "\"name\": \"salespulse_rep\"", "\"name\": \"other\"");

    WebhookService.Answer answer =
        service.receive(shopify("orders/create", "w-3", noRep, SHOPIFY_SECRET));

    assertThat(answer.status()).isEqualTo(422);
    assertThat(json(answer.body()))
        .isEqualTo(
            "{\"accepted\":0,\"rejected\":1,\"ignored\":0,\"errors\":[{\"index\":0,"
                + "\"eventId\":\"shopify-order-820982911946154508-placed\",\"reason\":\"unmappable\","
                + "\"detail\":\"ORDER_PLACED needs 'repId', and the payload has no value at"
                + " note_attributes[name=salespulse_rep].value / user_id\"}]}");
    assertThat(sink.received).isEmpty();
  }

  @Test
  void shouldIgnoreTestOrdersWithA200() {
    byte[] testOrder = tamper(ORDER, "\"test\": false", "\"test\": true");

    WebhookService.Answer answer =
        service.receive(shopify("orders/create", "w-4", testOrder, SHOPIFY_SECRET));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(json(answer.body()))
        .isEqualTo("{\"accepted\":0,\"rejected\":0,\"ignored\":1,\"errors\":[]}");
    assertThat(sink.received).isEmpty();
  }

  @Test
  void shouldRefuseATopicTheMappingDoesNotName() {
    WebhookService.Answer answer =
        service.receive(
            shopify("customers/create", "w-5", "{\"id\":1}".getBytes(), SHOPIFY_SECRET));

    assertThat(answer.status()).isEqualTo(422);
    assertThat(json(answer.body())).contains("\"reason\":\"unmapped-event\"", "'customers/create'");
  }

  @Test
  void shouldAcceptTheSignatureMadeWithTheSecretAndRefuseAnyOther() {
    assertThat(service.receive(shopify("orders/create", "w-6", ORDER, SHOPIFY_SECRET)).status())
        .isEqualTo(200);

    WebhookService.Answer wrongSecret =
        service.receive(shopify("orders/create", "w-7", ORDER, "shpss_not-the-secret"));
    assertThat(wrongSecret.status()).isEqualTo(401);
    assertThat(wrongSecret.body())
        .isEqualTo(
            new ApiError(
                "bad-signature",
                "X-Shopify-Hmac-Sha256 does not match the body signed with the source's secret"));
  }

  @Test
  void shouldRefuseATamperedBody() {
    WebhookRequest signed = shopify("orders/create", "w-8", ORDER, SHOPIFY_SECRET);
    byte[] richer = tamper(ORDER, "\"total_price\": \"403.00\"", "\"total_price\": \"40300.00\"");

    WebhookService.Answer answer =
        service.receive(
            new WebhookRequest(
                "shopify", "POST", signed.uri(), signed.headers(), richer, signed.token()));

    assertThat(answer.status()).isEqualTo(401);
    assertThat(sink.received).isEmpty();
  }

  @Test
  void shouldCountARedeliveredOrderOnce() {
    // A retry keeps its webhook id; a second subscription's delivery has another: same event.
    service.receive(shopify("orders/create", "b54557e4-first", ORDER, SHOPIFY_SECRET));
    service.receive(shopify("orders/create", "b54557e4-first", ORDER, SHOPIFY_SECRET));
    service.receive(shopify("orders/create", "c0ffee00-other", ORDER, SHOPIFY_SECRET));
    service.receive(shopify("refunds/create", "r-1", REFUND, SHOPIFY_SECRET));
    service.receive(shopify("refunds/create", "r-1", REFUND, SHOPIFY_SECRET));

    assertThat(sink.eventIds())
        .containsExactly(
            "shopify-order-820982911946154508-placed",
            "shopify-order-820982911946154508-placed",
            "shopify-order-820982911946154508-placed",
            "shopify-refund-509562969",
            "shopify-refund-509562969");
    assertThat(sink.counted)
        .containsExactly("shopify-order-820982911946154508-placed", "shopify-refund-509562969");
  }

  private static void assertRep(JsonNode event, String rep) {
    assertThat(event.get("repId").asText()).isEqualTo(rep);
  }
}
