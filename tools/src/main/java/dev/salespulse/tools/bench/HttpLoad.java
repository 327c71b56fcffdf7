package dev.salespulse.tools.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A lean HTTP/1.1 load generator: one thread and one selector drive a fixed number of keep-alive
 * connections, each sending the same GET as soon as the previous answer has been read whole (a
 * closed loop, as wrk does). Latency runs from the request's write to the answer's last byte, in
 * microseconds. It reads only what it needs (status, Content-Length or chunked framing), so its own
 * CPU stays small next to the server's; {@link #cpuNanos()} says how small.
 */
final class HttpLoad implements AutoCloseable {
  private static final int READ_BUFFER = 64 * 1024;

  private final InetSocketAddress address;
  private final byte[] request;
  private final Selector selector;
  private final Recorder latencies = new Recorder(TimeUnit.SECONDS.toMicros(60), 3);
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final LongAdder completed = new LongAdder();
  private final AtomicLong threadId = new AtomicLong(-1);
  private final Thread thread;
  private volatile boolean running = true;

  private HttpLoad(String host, int port, String pathAndQuery, Map<String, String> headers, int n)
      throws IOException {
    this.address = new InetSocketAddress(host, port);
    StringBuilder text =
        new StringBuilder("GET ").append(pathAndQuery).append(" HTTP/1.1\r\nHost: ");
    text.append(host).append(':').append(port).append("\r\nAccept: application/json\r\n");
    headers.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
    this.request = text.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    this.selector = Selector.open();
    for (int i = 0; i < n; i++) {
      connect();
    }
    this.thread = new Thread(this::loop, "bench-http-load");
    thread.setDaemon(true);
  }

  /** Opens {@code connections} connections and starts sending at once. */
  static HttpLoad start(
      String host, int port, String pathAndQuery, Map<String, String> headers, int connections)
      throws IOException {
    HttpLoad load = new HttpLoad(host, port, pathAndQuery, headers, connections);
    load.thread.start();
    return load;
  }

  /** Latencies (µs) since the previous call; the caller owns the histogram returned. */
  Histogram takeInterval() {
    return latencies.getIntervalHistogram();
  }

  long completed() {
    return completed.sum();
  }

  /** Failures by kind: {@code HTTP <status>} for answers other than 200, else the I/O failure. */
  Map<String, Long> errors() {
    Map<String, Long> copy = new TreeMap<>();
    errors.forEach((kind, count) -> copy.put(kind, count.sum()));
    return copy;
  }

  /** CPU time of the generator's own thread so far, or -1 where the JVM cannot tell. */
  long cpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long id = threadId.get();
    return id < 0 ? -1 : threads.getThreadCpuTime(id);
  }

  private void connect() throws IOException {
    SocketChannel channel = SocketChannel.open();
    channel.configureBlocking(false);
    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    Connection connection = new Connection(channel);
    if (channel.connect(address)) {
      channel.register(selector, SelectionKey.OP_WRITE, connection);
    } else {
      channel.register(selector, SelectionKey.OP_CONNECT, connection);
    }
  }

  private void loop() {
    threadId.set(Thread.currentThread().getId());
    while (running) {
      try {
        selector.select(100);
      } catch (IOException e) {
        fail("select: " + e.getClass().getSimpleName());
        return;
      }
      for (SelectionKey key : selector.selectedKeys()) {
        Connection connection = (Connection) key.attachment();
        try {
          if (key.isConnectable()) {
            ((SocketChannel) key.channel()).finishConnect();
            key.interestOps(SelectionKey.OP_WRITE);
          } else if (key.isWritable()) {
            connection.write(key);
          } else if (key.isReadable()) {
            connection.read(key);
          }
        } catch (IOException | RuntimeException e) {
          fail(e.getClass().getSimpleName());
          key.cancel();
          closeQuietly(key.channel());
          if (running) {
            try {
              connect();
            } catch (IOException again) {
              fail("connect: " + again.getClass().getSimpleName());
            }
          }
        }
      }
      selector.selectedKeys().clear();
    }
  }

  private void fail(String kind) {
    errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  /** One keep-alive connection: at most one request in flight. */
  private final class Connection {
    private final SocketChannel channel;
    private final ByteBuffer out = ByteBuffer.wrap(request);
    private byte[] in = new byte[READ_BUFFER];
    private int length;
    private long sentAt;

    Connection(SocketChannel channel) {
      this.channel = channel;
    }

    /** Writes what is left of the request; the first write of a connection starts it. */
    void write(SelectionKey key) throws IOException {
      if (sentAt == 0) {
        send(key);
        return;
      }
      channel.write(out);
      if (!out.hasRemaining()) {
        key.interestOps(SelectionKey.OP_READ);
      }
    }

    private void send(SelectionKey key) throws IOException {
      out.rewind();
      sentAt = System.nanoTime();
      channel.write(out);
      key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    void read(SelectionKey key) throws IOException {
      if (length == in.length) {
        in = java.util.Arrays.copyOf(in, in.length * 2);
      }
      int read = channel.read(ByteBuffer.wrap(in, length, in.length - length));
      if (read < 0) {
        throw new IOException("closed by the server");
      }
      length += read;
      HttpResponseFrame response = HttpResponseFrame.parse(in, length);
      if (response == null) {
        return;
      }
      latencies.recordValue(
          Math.min(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sentAt), 60_000_000L));
      completed.increment();
      if (response.status() != 200) {
        fail("HTTP " + response.status());
      }
      System.arraycopy(in, response.length(), in, 0, length - response.length());
      length -= response.length();
      if (response.close()) {
        throw new IOException("the server closed the connection");
      }
      if (running) {
        send(key);
      }
    }
  }

  private static void closeQuietly(java.nio.channels.Channel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    selector.wakeup();
    thread.join(5_000);
    for (SelectionKey key : selector.keys()) {
      closeQuietly(key.channel());
    }
    try {
      selector.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }
}
