package dev.salespulse.web.feed;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The latest large deals and milestones, newest first (by {@link FeedItem#at()}), at most {@link
 * #CAPACITY} of them: older entries fall off, so a server up for months holds the same few
 * kilobytes. An entry whose id is already held (a deal read again after a restart of the listener)
 * is not added twice.
 */
public final class FeedBoard {
  public static final int CAPACITY = 200;

  private final Deque<FeedItem> items = new ArrayDeque<>();

  public synchronized void add(FeedItem item) {
    for (FeedItem held : items) {
      if (held.id().equals(item.id())) {
        return;
      }
    }
    // Newest first by time, not by arrival: at start the listener reads partition after
    // partition, and the board must keep the newest of them all.
    List<FeedItem> newer = new ArrayList<>();
    while (!items.isEmpty() && items.peekFirst().at().isAfter(item.at())) {
      newer.add(items.removeFirst());
    }
    items.addFirst(item);
    for (int i = newer.size() - 1; i >= 0; i--) {
      items.addFirst(newer.get(i));
    }
    while (items.size() > CAPACITY) {
      items.removeLast();
    }
  }

  /** The newest {@code limit} entries, newest first. */
  public synchronized List<FeedItem> latest(int limit) {
    List<FeedItem> result = new ArrayList<>(Math.min(limit, items.size()));
    Iterator<FeedItem> newestFirst = items.iterator();
    while (newestFirst.hasNext() && result.size() < limit) {
      result.add(newestFirst.next());
    }
    return result;
  }
}
