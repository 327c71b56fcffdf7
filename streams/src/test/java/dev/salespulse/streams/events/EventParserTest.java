package dev.salespulse.streams.events;

import static dev.salespulse.streams.testing.ActivityEventBuilder.aCall;
import static dev.salespulse.streams.testing.ActivityEventBuilder.anActivity;
import static dev.salespulse.streams.testing.OrderEventBuilder.aCancellationOf;
import static dev.salespulse.streams.testing.OrderEventBuilder.aRefundOf;
import static dev.salespulse.streams.testing.OrderEventBuilder.anOrder;
import static dev.salespulse.streams.testing.Reps.ADA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.salespulse.streams.testing.ActivityEventBuilder;
import dev.salespulse.streams.testing.OrderEventBuilder;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The event contract: what a valid event is read as, and exactly why an invalid one is not. */
class EventParserTest {
  private static final Instant NOW = Instant.parse("2026-11-26T15:00:00Z");
  private static final Instant AT = Instant.parse("2026-11-26T14:03:22Z");
  private static final String LINE =
      "{\"sku\":\"SKU-1\",\"category\":\"hardware\",\"quantity\":2,\"unitPrice\":625.25}";

  @Test
  void shouldParsePlacedOrderWithEveryField() throws InvalidEventException {
    OrderEventBuilder json =
        anOrder()
            .eventId("e-1")
            .orderId("o-1")
            .at(AT)
            .rep(ADA)
            .customer("c-9")
            .channel("phone")
            .currency("EUR")
            .amount("1250.50")
            .team("team-east")
            .region("APAC")
            .with("lines", "[" + LINE + "]");

    OrderEvent.Placed order = placed(json.bytes());

    assertThat(order.eventId()).isEqualTo("e-1");
    assertThat(order.type()).isEqualTo(OrderType.ORDER_PLACED);
    assertThat(order.orderId()).isEqualTo("o-1");
    assertThat(order.occurredAt()).isEqualTo(AT);
    assertThat(order.repId()).isEqualTo("rep-ada");
    assertThat(order.customerId()).contains("c-9");
    assertThat(order.channel()).contains("phone");
    assertThat(order.currency()).isEqualTo("EUR");
    assertThat(order.amount()).isEqualByComparingTo("1250.50");
    assertThat(order.teamId()).contains("team-east");
    assertThat(order.region()).contains("APAC");
    assertThat(order.lines())
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.sku()).contains("SKU-1");
              assertThat(line.category()).contains("hardware");
              assertThat(line.quantity()).isEqualTo(2);
              assertThat(line.total()).isEqualByComparingTo("1250.50");
            });
  }

  @Test
  void shouldReadMoneyGivenAsStringLikeMoneyGivenAsNumber() throws InvalidEventException {
    OrderEvent.Placed asNumber = placed(anOrder().amount("1250.50").bytes());
    OrderEvent.Placed asText = placed(anOrder().amountAsText("1250.50").bytes());

    assertThat(asNumber.amount()).isEqualByComparingTo("1250.50");
    assertThat(asText.amount()).isEqualByComparingTo("1250.50");
  }

  @Test
  void shouldReadMoneyWithFourFractionDigitsExactly() throws InvalidEventException {
    OrderEvent.Placed order = placed(anOrder().amount("0.1234").bytes());

    assertThat(order.amount()).isEqualTo(new BigDecimal("0.1234"));
  }

  @Test
  void shouldConvertAnOffsetToTheRightInstant() throws InvalidEventException {
    OrderEvent berlin =
        EventParser.order(anOrder().occurredAtText("2026-11-26T16:03:22+02:00").bytes(), NOW);
    ActivityEvent newYork =
        EventParser.activity(aCall().occurredAtText("2026-11-26T09:03:22-05:00").bytes(), NOW);

    assertThat(berlin.occurredAt()).isEqualTo(AT);
    assertThat(newYork.occurredAt()).isEqualTo(AT);
  }

  @Test
  void shouldIgnoreUnknownFields() throws InvalidEventException {
    OrderEventBuilder json =
        anOrder()
            .eventId("e-5")
            .amount("12.00")
            .with("priority", "\"high\"")
            .with("meta", "{\"source\":{\"system\":\"crm\",\"ids\":[1,2,3]}}");

    OrderEvent.Placed order = placed(json.bytes());

    assertThat(order.eventId()).isEqualTo("e-5");
    assertThat(order.amount()).isEqualByComparingTo("12.00");
  }

  @Test
  void shouldParseCancellationWithoutRepAmountOrCurrency() throws InvalidEventException {
    OrderEvent cancel = EventParser.order(aCancellationOf("o-1").at(AT).bytes(), NOW);

    // A cancellation carries no rep, amount or currency: its record has none.
    assertThat(cancel)
        .isEqualTo(new OrderEvent.Cancelled(cancel.eventId(), "o-1", AT))
        .extracting(OrderEvent::type)
        .isEqualTo(OrderType.ORDER_CANCELLED);
  }

  @Test
  void shouldParseRefundWithItsAmount() throws InvalidEventException {
    OrderEvent refund = EventParser.order(aRefundOf("o-1", "20.5").bytes(), NOW);

    assertThat(refund.type()).isEqualTo(OrderType.ORDER_REFUNDED);
    assertThat(refund)
        .isInstanceOfSatisfying(
            OrderEvent.Refunded.class, r -> assertThat(r.amount()).isEqualByComparingTo("20.50"));
  }

  @Test
  void shouldParseCall() throws InvalidEventException {
    ActivityEventBuilder json = aCall().eventId("a-1").at(AT).rep(ADA).customer("c-9");

    ActivityEvent call = EventParser.activity(json.bytes(), NOW);

    assertThat(call.eventId()).isEqualTo("a-1");
    assertThat(call.type()).isEqualTo(ActivityType.CALL);
    assertThat(call.occurredAt()).isEqualTo(AT);
    assertThat(call.repId()).isEqualTo("rep-ada");
    assertThat(call.customerId()).contains("c-9");
    assertThat(call.outcome()).contains("CONNECTED");
    assertThat(call.durationSeconds()).contains(240L);
    assertThat(call.dealValue()).isEmpty();
    assertThat(call.connected()).isTrue();
  }

  @Test
  void shouldParseDealWonWithItsValueAndNullDealValueAsAbsent() throws InvalidEventException {
    ActivityEvent won =
        EventParser.activity(anActivity("DEAL_WON").dealValue("\"5000.00\"").bytes(), NOW);
    ActivityEvent lost =
        EventParser.activity(anActivity("DEAL_LOST").dealValue("null").bytes(), NOW);

    assertThat(won.dealValue().orElseThrow()).isEqualByComparingTo("5000.00");
    assertThat(won.connected()).isFalse();
    assertThat(lost.dealValue()).isEqualTo(Optional.empty());
  }

  @Test
  void shouldAcceptEventExactlySevenDaysAheadAndRejectOneMillisecondLater() {
    Instant limit = NOW.plus(EventParser.MAX_FUTURE);

    assertThat(orderRejection(anOrder().at(limit).bytes())).isNull();
    assertThat(orderRejection(anOrder().at(limit.plusMillis(1)).bytes()))
        .isEqualTo(RejectReason.FUTURE_EVENT);
    assertThat(activityRejection(aCall().at(NOW.plus(Duration.ofDays(8))).bytes()))
        .isEqualTo(RejectReason.FUTURE_EVENT);
  }

  static Stream<Arguments> invalidOrders() {
    return Stream.of(
        Arguments.of("not JSON", utf8("{oops"), RejectReason.MALFORMED_JSON),
        Arguments.of(
            "a JSON array", utf8("[" + anOrder().json() + "]"), RejectReason.MALFORMED_JSON),
        Arguments.of("a JSON string", utf8("\"ORDER_PLACED\""), RejectReason.MALFORMED_JSON),
        Arguments.of("empty bytes", new byte[0], RejectReason.MALFORMED_JSON),
        Arguments.of(
            "no eventId", anOrder().without("eventId").bytes(), RejectReason.MISSING_FIELD),
        Arguments.of("no type", anOrder().without("type").bytes(), RejectReason.MISSING_FIELD),
        Arguments.of(
            "no orderId", anOrder().without("orderId").bytes(), RejectReason.MISSING_FIELD),
        Arguments.of(
            "no occurredAt", anOrder().without("occurredAt").bytes(), RejectReason.MISSING_FIELD),
        Arguments.of(
            "no repId on placed", anOrder().without("repId").bytes(), RejectReason.MISSING_FIELD),
        Arguments.of(
            "null repId on placed",
            anOrder().with("repId", "null").bytes(),
            RejectReason.MISSING_FIELD),
        Arguments.of(
            "no amount on placed", anOrder().without("amount").bytes(), RejectReason.MISSING_FIELD),
        Arguments.of(
            "no currency on placed",
            anOrder().without("currency").bytes(),
            RejectReason.MISSING_FIELD),
        Arguments.of(
            "no amount on refund",
            aRefundOf("o-1", "1").without("amount").bytes(),
            RejectReason.MISSING_FIELD),
        Arguments.of(
            "channel as a number on a cancellation",
            aCancellationOf("o-1").with("channel", "7").bytes(),
            RejectReason.WRONG_TYPE),
        Arguments.of(
            "region as a number on a refund",
            aRefundOf("o-1", "1").with("region", "7").bytes(),
            RejectReason.WRONG_TYPE),
        Arguments.of(
            "amount as a boolean",
            anOrder().with("amount", "true").bytes(),
            RejectReason.WRONG_TYPE),
        Arguments.of(
            "amount as an object",
            anOrder().with("amount", "{\"v\":1}").bytes(),
            RejectReason.WRONG_TYPE),
        Arguments.of(
            "amount as words", anOrder().amountAsText("twelve").bytes(), RejectReason.WRONG_TYPE),
        Arguments.of(
            "amount with a comma",
            anOrder().amountAsText("12,50").bytes(),
            RejectReason.WRONG_TYPE),
        Arguments.of(
            "repId as a number", anOrder().with("repId", "7").bytes(), RejectReason.WRONG_TYPE),
        Arguments.of(
            "lower-case currency", anOrder().currency("eur").bytes(), RejectReason.WRONG_TYPE),
        Arguments.of(
            "a negative amount", anOrder().amount("-5.00").bytes(), RejectReason.NEGATIVE_AMOUNT),
        Arguments.of(
            "a negative amount text",
            anOrder().amountAsText("-5.00").bytes(),
            RejectReason.NEGATIVE_AMOUNT),
        Arguments.of(
            "an amount of 10^15",
            anOrder().amount("1000000000000000").bytes(),
            RejectReason.AMOUNT_TOO_LARGE),
        Arguments.of(
            "an amount of 1e400", anOrder().amount("1e400").bytes(), RejectReason.AMOUNT_TOO_LARGE),
        Arguments.of(
            "a negative amount of -1e400",
            anOrder().amount("-1e400").bytes(),
            RejectReason.NEGATIVE_AMOUNT),
        Arguments.of(
            "5 fraction digits",
            anOrder().amount("1.12345").bytes(),
            RejectReason.TOO_MANY_DECIMALS),
        Arguments.of(
            "5 fraction digits text",
            anOrder().amountAsText("1.12345").bytes(),
            RejectReason.TOO_MANY_DECIMALS),
        Arguments.of(
            "an unknown type", anOrder().type("ORDER_SHIPPED").bytes(), RejectReason.UNKNOWN_TYPE),
        Arguments.of(
            "a lower-case type", anOrder().type("order_placed").bytes(), RejectReason.UNKNOWN_TYPE),
        Arguments.of(
            "no offset",
            anOrder().occurredAtText("2026-11-26T14:03:22").bytes(),
            RejectReason.BAD_TIMESTAMP),
        Arguments.of(
            "a date only",
            anOrder().occurredAtText("2026-11-26").bytes(),
            RejectReason.BAD_TIMESTAMP),
        Arguments.of(
            "epoch millis text",
            anOrder().occurredAtText("1795701802000").bytes(),
            RejectReason.BAD_TIMESTAMP),
        Arguments.of(
            "8 days ahead",
            anOrder().at(NOW.plus(Duration.ofDays(8))).bytes(),
            RejectReason.FUTURE_EVENT));
  }

  @ParameterizedTest(name = "{0} → {2}")
  @MethodSource("invalidOrders")
  void shouldRejectInvalidOrderWithItsReason(String what, byte[] bytes, RejectReason reason) {
    assertThat(orderRejection(bytes)).isEqualTo(reason);
  }

  static Stream<Arguments> invalidActivities() {
    return Stream.of(
        Arguments.of("not JSON", utf8("CALL"), RejectReason.MALFORMED_JSON),
        Arguments.of("no repId", aCall().without("repId").bytes(), RejectReason.MISSING_FIELD),
        Arguments.of("no eventId", aCall().without("eventId").bytes(), RejectReason.MISSING_FIELD),
        Arguments.of(
            "duration as text",
            aCall().with("durationSeconds", "\"4m\"").bytes(),
            RejectReason.WRONG_TYPE),
        Arguments.of(
            "a negative duration",
            aCall().with("durationSeconds", "-1").bytes(),
            RejectReason.NEGATIVE_AMOUNT),
        Arguments.of(
            "a negative deal value",
            anActivity("DEAL_WON").dealValue("-1").bytes(),
            RejectReason.NEGATIVE_AMOUNT),
        Arguments.of("an unknown type", anActivity("LUNCH").bytes(), RejectReason.UNKNOWN_TYPE),
        Arguments.of(
            "no offset",
            aCall().occurredAtText("2026-11-26T14:03:22").bytes(),
            RejectReason.BAD_TIMESTAMP));
  }

  @ParameterizedTest(name = "{0} → {2}")
  @MethodSource("invalidActivities")
  void shouldRejectInvalidActivityWithItsReason(String what, byte[] bytes, RejectReason reason) {
    assertThat(activityRejection(bytes)).isEqualTo(reason);
  }

  @Test
  void shouldRejectANumberTooLargeToReadInsteadOfThrowing() {
    // Valid JSON grammar, but no BigDecimal can hold it: Jackson throws NumberFormatException.
    byte[] exponentOverflow = anOrder().amount("1e2147483648").bytes();
    byte[] scaleOverflow = aCall().with("durationSeconds", "1e-2147483648").bytes();

    assertThat(orderRejection(exponentOverflow))
        .isIn(RejectReason.MALFORMED_JSON, RejectReason.WRONG_TYPE);
    assertThat(activityRejection(scaleOverflow))
        .isIn(RejectReason.MALFORMED_JSON, RejectReason.WRONG_TYPE);
  }

  @Test
  void shouldRejectContentAfterTheEventObject() {
    byte[] twoEvents = utf8(anOrder().json() + anOrder().json());
    byte[] trailingGarbage = utf8(anOrder().json() + " garbage");

    assertThat(orderRejection(twoEvents)).isEqualTo(RejectReason.MALFORMED_JSON);
    assertThat(orderRejection(trailingGarbage)).isEqualTo(RejectReason.MALFORMED_JSON);
  }

  /**
   * A field named twice is ambiguous (which amount counts?): refused, not read as the last one, in
   * an order's lines too.
   */
  @Test
  void shouldRejectAFieldNamedTwice() {
    String order = anOrder().amount("10.00").json();
    byte[] twoAmounts = utf8(order.substring(0, order.length() - 1) + ",\"amount\":1000}");
    byte[] twoSkus =
        utf8(
            anOrder()
                .with("lines", "[{\"sku\":\"a\",\"sku\":\"b\",\"qty\":1,\"unitPrice\":1}]")
                .json());

    InvalidEventException e =
        catchThrowableOfType(InvalidEventException.class, () -> EventParser.order(twoAmounts, NOW));
    assertThat(e.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
    assertThat(e.detail()).isEqualTo("field 'amount' appears twice in an object");
    assertThat(orderRejection(twoSkus)).isEqualTo(RejectReason.MALFORMED_JSON);
    assertThat(orderRejection(utf8(order))).isNull();
  }

  /** Why the order is rejected, or null when it is valid. */
  private static RejectReason orderRejection(byte[] bytes) {
    InvalidEventException e =
        catchThrowableOfType(InvalidEventException.class, () -> EventParser.order(bytes, NOW));
    return e == null ? null : e.reason();
  }

  private static RejectReason activityRejection(byte[] bytes) {
    InvalidEventException e =
        catchThrowableOfType(InvalidEventException.class, () -> EventParser.activity(bytes, NOW));
    return e == null ? null : e.reason();
  }

  /** An exponent makes a tiny number of a billion digits: refused before it is printed. */
  @Test
  void shouldRefuseAnAmountOfAHugeScaleUnprinted() {
    byte[] order =
        utf8(
            "{\"eventId\":\"e\",\"type\":\"ORDER_PLACED\",\"orderId\":\"o\","
                + "\"occurredAt\":\"2026-11-26T14:00:00Z\",\"repId\":\"r\",\"currency\":\"USD\","
                + "\"amount\":-1e-999999999}");
    InvalidEventException e =
        catchThrowableOfType(InvalidEventException.class, () -> EventParser.order(order, NOW));
    assertThat(e.reason()).isEqualTo(RejectReason.TOO_MANY_DECIMALS);
    assertThat(e.detail()).isEqualTo("'amount' has more than 4 fraction digits");
  }

  @Test
  void shouldTellOrdersFromActivitiesByType() throws Exception {
    assertThat(EventParser.event(utf8(anOrder().json()), NOW)).isInstanceOf(OrderEvent.class);
    assertThat(EventParser.event(utf8(aCall().json()), NOW)).isInstanceOf(ActivityEvent.class);
    InvalidEventException e =
        catchThrowableOfType(
            InvalidEventException.class,
            () ->
                EventParser.event(
                    utf8(
                        "{\"eventId\":\"e\",\"type\":\"FAX\",\"occurredAt\":\"2026-11-26T14:00:00Z\"}"),
                    NOW));
    assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_TYPE);
    assertThat(e.detail()).startsWith("unknown type 'FAX': an order (ORDER_PLACED");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static OrderEvent.Placed placed(byte[] json) throws InvalidEventException {
    OrderEvent order = EventParser.order(json, NOW);
    assertThat(order).isInstanceOf(OrderEvent.Placed.class);
    return (OrderEvent.Placed) order;
  }
}
