package dev.salespulse.tools.bench;

import java.nio.charset.StandardCharsets;

/**
 * Where one HTTP/1.1 response ends in the bytes read so far, and its status: just enough of the
 * protocol for {@link HttpLoad} (Content-Length or chunked bodies, {@code Connection: close}).
 *
 * @param length the bytes the whole response takes, headers and body
 */
record HttpResponseFrame(int status, int length, boolean close) {

  /** The first response in {@code bytes[0, available)}, or null while it is incomplete. */
  static HttpResponseFrame parse(byte[] bytes, int available) {
    int headersEnd = indexOf(bytes, 0, available, "\r\n\r\n");
    if (headersEnd < 0) {
      return null;
    }
    String headers = new String(bytes, 0, headersEnd, StandardCharsets.ISO_8859_1);
    int status = Integer.parseInt(headers.substring(9, 12));
    long contentLength = -1;
    boolean chunked = false;
    boolean close = false;
    for (String line : headers.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Content-Length")) {
        contentLength = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
        chunked = value.equalsIgnoreCase("chunked");
      } else if (name.equalsIgnoreCase("Connection")) {
        close = value.equalsIgnoreCase("close");
      }
    }
    int bodyStart = headersEnd + 4;
    if (chunked) {
      int end = chunkedEnd(bytes, bodyStart, available);
      return end < 0 ? null : new HttpResponseFrame(status, end, close);
    }
    long end = bodyStart + Math.max(0, contentLength);
    return end > available ? null : new HttpResponseFrame(status, (int) end, close);
  }

  /** The end of a chunked body starting at {@code from}, or -1 while incomplete. */
  private static int chunkedEnd(byte[] bytes, int from, int available) {
    int at = from;
    while (true) {
      int lineEnd = indexOf(bytes, at, available, "\r\n");
      if (lineEnd < 0) {
        return -1;
      }
      String sizeText = new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1);
      int semicolon = sizeText.indexOf(';');
      int size =
          Integer.parseInt(
              (semicolon < 0 ? sizeText : sizeText.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        // No trailers: the last chunk is followed by an empty line.
        int end = indexOf(bytes, lineEnd, available, "\r\n\r\n");
        return end < 0 ? -1 : end + 4;
      }
      at = lineEnd + 2 + size + 2;
      if (at > available) {
        return -1;
      }
    }
  }

  private static int indexOf(byte[] bytes, int from, int available, String ascii) {
    outer:
    for (int i = from; i <= available - ascii.length(); i++) {
      for (int j = 0; j < ascii.length(); j++) {
        if (bytes[i + j] != ascii.charAt(j)) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
