package dev.salespulse.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on a free local port in front of an instance's HTTP port, as a network between
 * instances: it forwards both ways, or, black-holed, accepts connections and never answers, as an
 * instance whose process is frozen or whose packets are dropped (not a refused connection, which is
 * quick to notice). Switching to a black hole cuts the connections already forwarded, so no pooled
 * connection gets through.
 */
final class BlackHoleProxy implements AutoCloseable {
  private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile int target = -1;
  private volatile boolean blackHoled;

  BlackHoleProxy() throws IOException {
    Thread acceptor = new Thread(this::accept, "proxy-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Forwards new connections to {@code port} from now on. */
  void forwardTo(int port) {
    target = port;
  }

  /** Answers nothing from now on, on new connections and on those already open. */
  void blackHole() {
    blackHoled = true;
    closeAll();
  }

  /** Forwards again; connections held in the black hole are cut. */
  void heal() {
    blackHoled = false;
    closeAll();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        if (blackHoled || target < 0) {
          pump(client.getInputStream(), OutputStream.nullOutputStream(), client, null);
        } else {
          Socket upstream;
          try {
            upstream = new Socket(InetAddress.getLoopbackAddress(), target);
          } catch (IOException refused) {
            close(client);
            continue;
          }
          open.add(upstream);
          pump(client.getInputStream(), upstream.getOutputStream(), client, upstream);
          pump(upstream.getInputStream(), client.getOutputStream(), upstream, client);
        }
      } catch (IOException e) {
        // The proxy is closing.
      }
    }
  }

  /** Copies {@code in} to {@code out} on a thread of its own until either side closes. */
  private void pump(InputStream in, OutputStream out, Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              try (from) {
                in.transferTo(out);
              } catch (IOException e) {
                // cut
              } finally {
                close(to);
              }
            },
            "proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private void closeAll() {
    for (Socket socket : open) {
      close(socket);
    }
    open.clear();
  }

  private static void close(Socket socket) {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    closeAll();
  }
}
