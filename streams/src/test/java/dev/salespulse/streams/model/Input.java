package dev.salespulse.streams.model;

import dev.salespulse.streams.testing.Rep;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One input of a generated sequence, in arrival order: a roster or fx-rate record, or an event.
 * Events are plain values: the reference model reads their fields, the topology gets their JSON
 * (written by the test builders). A duplicate is the same event value arriving twice.
 */
sealed interface Input {

  /** A {@code sales.reps} record. */
  record RosterEntry(Rep rep) implements Input {
    @Override
    public String toString() {
      return "roster " + rep.id() + " " + rep.teamId() + " " + rep.region();
    }
  }

  /** A {@code sales.fx-rates} record. */
  record FxRate(String currency, String perUnitInReporting) implements Input {
    @Override
    public String toString() {
      return "fx-rate " + currency + " " + perUnitInReporting;
    }
  }

  /** An input event. {@code occurredAtText} is how {@code at} is written on the wire. */
  sealed interface Event extends Input {
    String eventId();

    Instant at();

    String occurredAtText();

    /** The record key the contract gives the event: orderId or repId. */
    String key();
  }

  /** A line of a placed order; prices as written in the JSON. */
  record Line(String sku, Optional<String> category, int quantity, String unitPrice) {
    @Override
    public String toString() {
      return quantity + "x" + unitPrice + category.map(c -> "@" + c).orElse("");
    }
  }

  record Placed(
      String eventId,
      String orderId,
      Instant at,
      String occurredAtText,
      String repId,
      Optional<String> teamId,
      Optional<String> region,
      Optional<String> customerId,
      Optional<String> channel,
      String currency,
      String amount,
      boolean amountAsText,
      List<Line> lines)
      implements Event {
    @Override
    public String key() {
      return orderId;
    }

    @Override
    public String toString() {
      return String.format(
          "%s PLACED %s at %s by %s%s%s %s %s%s lines=%s customer=%s channel=%s",
          eventId,
          orderId,
          occurredAtText,
          repId,
          teamId.map(t -> " team=" + t).orElse(""),
          region.map(r -> " region=" + r).orElse(""),
          currency,
          amount,
          amountAsText ? " (as text)" : "",
          lines,
          customerId.orElse("-"),
          channel.orElse("-"));
    }
  }

  record Cancelled(String eventId, String orderId, Instant at, String occurredAtText)
      implements Event {
    @Override
    public String key() {
      return orderId;
    }

    @Override
    public String toString() {
      return eventId + " CANCELLED " + orderId + " at " + occurredAtText;
    }
  }

  record Refunded(String eventId, String orderId, Instant at, String occurredAtText, String amount)
      implements Event {
    @Override
    public String key() {
      return orderId;
    }

    @Override
    public String toString() {
      return eventId + " REFUNDED " + orderId + " " + amount + " at " + occurredAtText;
    }
  }

  record Activity(
      String eventId,
      String type,
      Instant at,
      String occurredAtText,
      String repId,
      Optional<String> teamId,
      Optional<String> region,
      Optional<String> outcome,
      Optional<String> dealValue)
      implements Event {
    @Override
    public String key() {
      return repId;
    }

    @Override
    public String toString() {
      return String.format(
          "%s %s at %s by %s%s%s%s%s",
          eventId,
          type,
          occurredAtText,
          repId,
          teamId.map(t -> " team=" + t).orElse(""),
          region.map(r -> " region=" + r).orElse(""),
          outcome.map(o -> " outcome=" + o).orElse(""),
          dealValue.map(v -> " dealValue=" + v).orElse(""));
    }
  }
}
