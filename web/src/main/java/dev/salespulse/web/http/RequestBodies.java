package dev.salespulse.web.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reading request bodies within a limit. A body over the limit is read on and dropped, a bounded
 * amount, before the 413 is sent: a client still writing would otherwise see the connection reset
 * instead of the answer that says why.
 */
public final class RequestBodies {
  /** The most of a refused body read and dropped so that its sender gets the answer. */
  static final long DRAIN_LIMIT_BYTES = 16L * 1024 * 1024;

  private RequestBodies() {}

  /**
   * The body, or null when it has more than {@code max} bytes (by its {@code Content-Length} or as
   * read), in which case what is left of it has been drained.
   */
  public static byte[] readAtMost(InputStream in, long declaredLength, int max) throws IOException {
    if (declaredLength > max) {
      drain(in);
      return null;
    }
    byte[] bytes = in.readNBytes(max + 1);
    if (bytes.length > max) {
      drain(in);
      return null;
    }
    return bytes;
  }

  /** Reads and drops what is left of a refused body, at most {@link #DRAIN_LIMIT_BYTES}. */
  static void drain(InputStream in) {
    byte[] buffer = new byte[64 * 1024];
    long left = DRAIN_LIMIT_BYTES;
    try {
      int n;
      while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
        left -= n;
      }
    } catch (IOException e) {
      // the sender went away: nobody to answer
    }
  }
}
