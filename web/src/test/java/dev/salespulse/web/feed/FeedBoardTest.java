package dev.salespulse.web.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.events.LargeDeal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The feed keeps the newest entries first, each once, and never more than its capacity. */
class FeedBoardTest {
  private static final Instant AT = Instant.parse("2026-11-26T14:00:00Z");

  private static FeedItem deal(int n) {
    return FeedItem.deal(
        new LargeDeal(
            "o-" + n,
            "e-" + n,
            AT.plusSeconds(n),
            "rep-ada",
            "Ada Park",
            "team-north",
            "EMEA",
            Optional.of("phone"),
            new BigDecimal("6000.00"),
            "USD",
            new BigDecimal("6000"),
            "USD"));
  }

  @Test
  void shouldAnswerTheNewestFirstUpToTheLimit() {
    FeedBoard board = new FeedBoard();
    board.add(deal(1));
    board.add(deal(2));
    board.add(deal(3));

    assertThat(board.latest(2)).extracting(FeedItem::id).containsExactly("deal:o-3", "deal:o-2");
    assertThat(board.latest(50)).hasSize(3);
  }

  @Test
  void shouldHoldAnEntryOnceWhenItIsReadAgain() {
    FeedBoard board = new FeedBoard();
    board.add(deal(1));
    board.add(deal(2));
    board.add(deal(1));

    assertThat(board.latest(50)).extracting(FeedItem::id).containsExactly("deal:o-2", "deal:o-1");
  }

  @Test
  void shouldDropTheOldestBeyondItsCapacity() {
    FeedBoard board = new FeedBoard();
    for (int n = 1; n <= FeedBoard.CAPACITY + 50; n++) {
      board.add(deal(n));
    }

    assertThat(board.latest(FeedBoard.CAPACITY + 50)).hasSize(FeedBoard.CAPACITY);
    assertThat(board.latest(1).get(0).id()).isEqualTo("deal:o-" + (FeedBoard.CAPACITY + 50));
    assertThat(board.latest(FeedBoard.CAPACITY).get(FeedBoard.CAPACITY - 1).id())
        .isEqualTo("deal:o-51");
  }

  @Test
  void shouldCarryADealsRepTeamAndConvertedAmount() {
    FeedItem item = deal(7);

    assertThat(item.kind()).isEqualTo("deal");
    assertThat(item.scope()).isEqualTo("rep:rep-ada");
    assertThat(item.team()).isEqualTo("team:team-north");
    assertThat(item.region()).isEqualTo("region:EMEA");
    assertThat(item.value()).isEqualTo(new BigDecimal("6000.00"));
    assertThat(item.at()).isEqualTo(AT.plusSeconds(7));
  }
}
