package dev.salespulse.web.http;

import dev.salespulse.web.feed.FeedBoard;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/feed?limit=50}: the latest large deals and milestones, newest first, with the
 * large-deal threshold and the reporting currency. {@code limit} is 1 to {@link
 * FeedBoard#CAPACITY}, default 50.
 */
final class FeedHandler {
  private static final int DEFAULT_LIMIT = 50;
  private final FeedBoard board;
  private final BigDecimal largeDeal;
  private final String currency;

  FeedHandler(FeedBoard board, BigDecimal largeDeal, String currency) {
    this.board = board;
    this.largeDeal = largeDeal;
    this.currency = currency;
  }

  void feed(Context ctx) {
    int limit = limit(ctx.queryParam("limit"));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("currency", currency);
    answer.put("largeDeal", largeDeal);
    answer.put("items", board.latest(limit));
    ctx.json(answer);
  }

  private static int limit(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_LIMIT;
    }
    int limit;
    try {
      limit = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new BadRequestResponse(
          "'limit' must be a whole number from 1 to " + FeedBoard.CAPACITY);
    }
    if (limit < 1 || limit > FeedBoard.CAPACITY) {
      throw new BadRequestResponse("'limit' must be from 1 to " + FeedBoard.CAPACITY);
    }
    return limit;
  }
}
