package dev.salespulse.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpResponseFrameTest {
  private static final String SIZED =
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\ncontent-length: 7\r\n\r\n{\"a\":1}";
  private static final String CHUNKED =
      "HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "4\r\n{\"a\"\r\n3;x=y\r\n:1}\r\n0\r\n\r\n";

  @Test
  void shouldFindTheEndOfASizedResponseAndLeaveTheNextOne() {
    byte[] bytes = (SIZED + "HTTP/1.1 404").getBytes(StandardCharsets.US_ASCII);

    HttpResponseFrame frame = HttpResponseFrame.parse(bytes, bytes.length);

    assertThat(frame).isEqualTo(new HttpResponseFrame(200, SIZED.length(), false));
  }

  @Test
  void shouldFindTheEndOfAChunkedResponse() {
    byte[] bytes = CHUNKED.getBytes(StandardCharsets.US_ASCII);

    assertThat(HttpResponseFrame.parse(bytes, bytes.length))
        .isEqualTo(new HttpResponseFrame(503, CHUNKED.length(), false));
  }

  @Test
  void shouldWaitForEveryByteOfTheBody() {
    byte[] sized = SIZED.getBytes(StandardCharsets.US_ASCII);
    byte[] chunked = CHUNKED.getBytes(StandardCharsets.US_ASCII);

    assertThat(HttpResponseFrame.parse(sized, sized.length - 1)).isNull();
    assertThat(HttpResponseFrame.parse(chunked, chunked.length - 1)).isNull();
    assertThat(HttpResponseFrame.parse(chunked, chunked.length - 6)).isNull();
    assertThat(HttpResponseFrame.parse(sized, 20)).isNull();
  }

  @Test
  void shouldSeeThatTheServerClosesTheConnection() {
    String closing = "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
    byte[] bytes = closing.getBytes(StandardCharsets.US_ASCII);

    assertThat(HttpResponseFrame.parse(bytes, bytes.length))
        .isEqualTo(new HttpResponseFrame(400, closing.length(), true));
  }
}
