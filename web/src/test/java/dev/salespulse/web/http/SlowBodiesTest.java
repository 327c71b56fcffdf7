package dev.salespulse.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.web.json.Json;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A body trickled in is cut off with a 408; one sent at an ordinary pace is read whole. */
class SlowBodiesTest {
  private Javalin app;

  @BeforeEach
  void start() {
    app =
        Javalin.create(
                config -> {
                  config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
                  SlowBodies.refuse(config);
                  config.routes.post(
                      "/body",
                      ctx ->
                          ctx.result(
                              "read "
                                  + RequestBodies.readAtMost(
                                          ctx.req().getInputStream(), ctx.contentLength(), 1 << 20)
                                      .length));
                })
            .start(0);
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  @Test
  void shouldCutOffABodyTrickledIn() throws Exception {
    String answer = send(40, 500);

    assertThat(answer).startsWith("HTTP/1.1 408").contains("request-timeout");
  }

  @Test
  void shouldReadABodySentAtAnOrdinaryPace() throws Exception {
    assertThat(send(40, 0)).startsWith("HTTP/1.1 200").endsWith("read 40");
  }

  /** Sends a body of {@code bytes} bytes one at a time, {@code pauseMs} apart; the whole answer. */
  private String send(int bytes, long pauseMs) throws IOException, InterruptedException {
    try (Socket socket = new Socket("localhost", app.port())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /body HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: "
                  + bytes
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      try {
        for (int i = 0; i < bytes; i++) {
          out.write('a');
          out.flush();
          Thread.sleep(pauseMs);
        }
      } catch (IOException e) {
        // cut off: the answer is already on its way
      }
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
