package dev.salespulse.web.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free local ports, chosen once so that a restarted process listens where the last one did. They
 * are taken below Linux's ephemeral range (32768 and up), from which the system picks the local
 * ports of outgoing connections and of {@code bind(0)}: a port left free while its broker is down
 * for minutes cannot be taken by another test's connection in the meantime. Never the same port
 * twice in one JVM.
 */
public final class FreePorts {
  private static final int FIRST = 20_000;
  private static final int LAST = 32_000;
  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private FreePorts() {}

  public static synchronized int next() {
    for (int attempt = 0; attempt < 1_000; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(FIRST, LAST);
      if (HANDED_OUT.contains(port)) {
        continue;
      }
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(false);
        socket.bind(new InetSocketAddress("localhost", port));
        HANDED_OUT.add(port);
        return port;
      } catch (IOException e) {
        // in use: try another
      }
    }
    throw new IllegalStateException("no free port between " + FIRST + " and " + LAST);
  }
}
