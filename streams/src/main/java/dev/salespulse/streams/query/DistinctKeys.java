package dev.salespulse.streams.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The distinct keys of several prefix scans of one store, without the prefixes, in one pass: the
 * scans come sorted (by the keys' UTF-8 bytes, which is the order of their code points), so merging
 * them and skipping repeats counts what is distinct while holding one key per scan, never all of
 * them. Used to count a period's distinct customers from its days' scans.
 */
final class DistinctKeys {
  private DistinctKeys() {}

  /**
   * Hands every distinct key suffix of the scans of {@code prefixes} to {@code each}, in code point
   * order. Every iterator is closed.
   */
  static void forEach(
      ReadOnlyKeyValueStore<String, ?> store, List<String> prefixes, Consumer<String> each) {
    List<KeyValueIterator<String, ?>> scans = new ArrayList<>();
    try {
      PriorityQueue<Head> heads = new PriorityQueue<>();
      for (String prefix : prefixes) {
        KeyValueIterator<String, ?> scan = store.prefixScan(prefix, new StringSerializer());
        scans.add(scan);
        Head.next(scan, prefix.length()).ifPresent(heads::add);
      }
      String last = null;
      while (!heads.isEmpty()) {
        Head head = heads.poll();
        if (last == null || !last.equals(head.suffix)) {
          each.accept(head.suffix);
          last = head.suffix;
        }
        Head.next(head.scan, head.prefixLength).ifPresent(heads::add);
      }
    } finally {
      scans.forEach(KeyValueIterator::close);
    }
  }

  /** A scan and the suffix of its current key. */
  private record Head(KeyValueIterator<String, ?> scan, int prefixLength, String suffix)
      implements Comparable<Head> {
    static Optional<Head> next(KeyValueIterator<String, ?> scan, int prefixLength) {
      return scan.hasNext()
          ? Optional.of(new Head(scan, prefixLength, scan.next().key.substring(prefixLength)))
          : Optional.empty();
    }

    @Override
    public int compareTo(Head other) {
      return compareCodePoints(suffix, other.suffix);
    }
  }

  /** The order of the stores: by UTF-8 bytes, that is by code points (not UTF-16 units). */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
