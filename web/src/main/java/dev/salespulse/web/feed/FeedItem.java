package dev.salespulse.web.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.salespulse.streams.events.LargeDeal;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One entry of {@code GET /api/v1/feed}: a large deal ({@code kind: "deal"}) or a scope reaching
 * 100 % of one of today's targets ({@code kind: "milestone"}). Fields that do not apply to a kind
 * are left out of the JSON.
 *
 * @param id stable across answers, so a page can tell which entries it has already shown
 * @param at when the deal occurred, or the newest event time of the answer that showed the target
 *     reached
 * @param scope the rep of a deal, or the scope that reached its target
 * @param team the team scope of a deal's rep
 * @param metric the KPI of a milestone ({@code revenue}, {@code orders}, …)
 * @param value a deal's amount in the reporting currency, or the KPI's value at the milestone
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedItem(
    String id,
    String kind,
    Instant at,
    String scope,
    String name,
    String team,
    String region,
    String channel,
    String metric,
    BigDecimal value,
    BigDecimal target,
    BigDecimal attainment,
    String currency,
    String orderId) {

  static FeedItem deal(LargeDeal deal) {
    return new FeedItem(
        "deal:" + deal.orderId(),
        "deal",
        deal.occurredAt(),
        "rep:" + deal.repId(),
        deal.repName(),
        "team:" + deal.teamId(),
        "region:" + deal.region(),
        deal.channel().orElse(null),
        null,
        deal.amount(),
        null,
        null,
        deal.currency(),
        deal.orderId());
  }

  static FeedItem milestone(
      String scope,
      String name,
      String date,
      String metric,
      Instant at,
      BigDecimal value,
      BigDecimal target,
      BigDecimal attainment,
      String currency) {
    return new FeedItem(
        "milestone:" + scope + ":" + metric + ":" + date,
        "milestone",
        at,
        scope,
        name,
        null,
        null,
        null,
        metric,
        value,
        target,
        attainment,
        currency,
        null);
  }
}
