package dev.salespulse.web.feed;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The latest large deals and milestones, newest first, at most {@link #CAPACITY} of them: older
 * entries fall off, so a server up for months holds the same few kilobytes. An entry whose id is
 * already held (a deal read again after a restart of the listener) is not added twice.
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
    items.addFirst(item);
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
