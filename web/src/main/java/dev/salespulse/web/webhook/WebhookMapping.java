package dev.salespulse.web.webhook;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One source's mapping, as read from its file: how its requests are signed, where a request's
 * events and their types are, and which contract event each type becomes. See docs/webhooks.md for
 * the file format.
 *
 * @param origin where the mapping was read from (a file, or the built-in resource), for messages
 * @param items where the payload's events are when it carries several (HubSpot: {@code [*]}); empty
 *     when the whole payload is one event
 * @param ignore event types answered 200 "ignored" (a trailing {@code *} matches any rest)
 */
record WebhookMapping(
    String source,
    String origin,
    SignatureSpec signature,
    Optional<JsonPath> items,
    TypeSpec type,
    List<String> ignore,
    List<EventRule> rules) {

  WebhookMapping {
    ignore = List.copyOf(ignore);
    rules = List.copyOf(rules);
  }

  /** Where an event's type is read: a request header or a path in the event. */
  record TypeSpec(Optional<String> header, Optional<JsonPath> path) {
    @Override
    public String toString() {
      return header.map(h -> "header " + h).orElseGet(() -> "path " + path.orElseThrow());
    }
  }

  /**
   * Events of type {@code on} whose payload meets every condition of {@code match} (the value at a
   * path reads one of the listed values) become an event of type {@code emit}, with each field
   * given by its expression.
   */
  record EventRule(
      String on,
      Map<JsonPath, List<String>> match,
      EventKind emit,
      Map<String, ValueExpr> fields) {}

  boolean names(String eventType) {
    return rules.stream().anyMatch(r -> r.on().equals(eventType));
  }

  boolean ignores(String eventType) {
    return ignore.stream()
        .anyMatch(
            pattern ->
                pattern.endsWith("*")
                    ? eventType.startsWith(pattern.substring(0, pattern.length() - 1))
                    : pattern.equals(eventType));
  }
}
