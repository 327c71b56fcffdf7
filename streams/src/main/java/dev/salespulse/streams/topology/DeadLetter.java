package dev.salespulse.streams.topology;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;

/**
 * A record for {@code sales.dead-letter}: the input's key, value and headers plus the reason and
 * source headers, cut to what the producer can send. A value read from a small compressed batch can
 * be far larger than the producer's {@code max.request.size}; its dead letter would fail the
 * producer (and, under exactly-once, the transaction with it). So when key, value and headers
 * together exceed {@link #budget}, the original headers go first (header {@code
 * x-truncated-headers}: how many), then the key is cut to a quarter of the budget ({@code
 * x-truncated-key}: its original size in bytes), then the value to what is left ({@code
 * x-truncated}: its original size). Cut keys and values keep their first bytes. An input's own
 * {@code x-error-*}, {@code x-source-*} and {@code x-truncated*} headers are not copied.
 *
 * @param key null when the input had none
 * @param value null when the input had none
 */
public record DeadLetter(byte[] key, byte[] value, Headers headers) {
  public static final String REASON_HEADER = "x-error-reason";
  public static final String DETAIL_HEADER = "x-error-detail";
  public static final String SOURCE_PREFIX = "x-source-";
  public static final String TOPIC_HEADER = "x-source-topic";
  public static final String PARTITION_HEADER = "x-source-partition";
  public static final String OFFSET_HEADER = "x-source-offset";

  /**
   * The original key of a record moved to its key's partition ({@link Placement}); absent when it
   * had none. Only on the moved record, never on a dead letter (whose key is the original one).
   */
  public static final String KEY_HEADER = "x-source-key";

  public static final String TRUNCATED_HEADER = "x-truncated";
  public static final String TRUNCATED_KEY_HEADER = "x-truncated-key";
  public static final String TRUNCATED_HEADERS_HEADER = "x-truncated-headers";

  /**
   * Streams property holding the dead-letter topic's {@code max.message.bytes}, read when the
   * service starts: under exactly-once a dead letter the broker refuses fails the whole
   * transaction.
   */
  public static final String TOPIC_MAX_MESSAGE_BYTES = "salespulse.dead.letter.max.message.bytes";

  /** Kafka's default {@code max.request.size}, and about the brokers' default largest batch. */
  private static final int DEFAULT_LIMIT = 1024 * 1024;

  /** Room left for the headers added here, the record's framing and compression's overhead. */
  private static final int MARGIN = 64 * 1024;

  /** A budget never below this, whatever the limits say. */
  private static final int SMALLEST_BUDGET = 1024;

  /**
   * The bytes a dead letter's key, value and original headers may take: the smaller of the
   * producer's {@code max.request.size} and the dead-letter topic's {@code max.message.bytes} (each
   * 1 MiB by default), less a margin of 64 KiB (half the limit when that is under 128 KiB).
   */
  public static int budget(Map<String, ?> streamsConfig) {
    int limit =
        Math.min(
            setting(
                streamsConfig,
                StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
            setting(streamsConfig, TOPIC_MAX_MESSAGE_BYTES, TOPIC_MAX_MESSAGE_BYTES));
    return Math.max(SMALLEST_BUDGET, limit - Math.min(MARGIN, limit / 2));
  }

  private static int setting(Map<String, ?> config, String name, String fallbackName) {
    Object value = config.containsKey(name) ? config.get(name) : config.get(fallbackName);
    if (value != null) {
      try {
        return Integer.parseInt(value.toString().trim());
      } catch (NumberFormatException e) {
        // Kafka itself refuses a malformed max.request.size at start.
      }
    }
    return DEFAULT_LIMIT;
  }

  /**
   * The dead letter of an input record.
   *
   * @param original the input's headers, copied (not changed)
   * @param source topic, partition and offset of the input; null when unknown
   */
  public static DeadLetter of(
      byte[] key,
      byte[] value,
      Headers original,
      String reason,
      String detail,
      Source source,
      int budget) {
    Headers headers = new RecordHeaders();
    int headerBytes = size(original);
    if (length(key) + length(value) + headerBytes > budget && headerBytes > budget / 4) {
      headers.add(TRUNCATED_HEADERS_HEADER, utf8(Integer.toString(original.toArray().length)));
      headerBytes = 0;
    } else {
      for (Header header : original) {
        if (!isOwn(header.key())) {
          headers.add(header);
        }
      }
    }
    byte[] cutKey = key;
    if (length(key) + length(value) + headerBytes > budget && length(key) > budget / 4) {
      cutKey = Arrays.copyOf(key, budget / 4);
      headers.add(TRUNCATED_KEY_HEADER, utf8(Integer.toString(key.length)));
    }
    byte[] cutValue = value;
    int room = budget - length(cutKey) - headerBytes;
    if (length(value) > room) {
      cutValue = Arrays.copyOf(value, Math.max(0, room));
      headers.add(TRUNCATED_HEADER, utf8(Integer.toString(value.length)));
    }
    headers.add(REASON_HEADER, utf8(reason));
    headers.add(DETAIL_HEADER, utf8(brief(detail)));
    if (source != null) {
      source.addTo(headers);
    }
    return new DeadLetter(cutKey, cutValue, headers);
  }

  /**
   * The reason, source and truncation headers are the dead letter's own: an input's headers of the
   * same names (a producer's forgery, or a dead letter sent back as it was) are not copied, so that
   * a reader taking the first header of a name, as many tools do, reads the true one.
   */
  private static boolean isOwn(String name) {
    return name != null
        && (name.startsWith("x-error-")
            || name.startsWith(SOURCE_PREFIX)
            || name.startsWith("x-truncated"));
  }

  /**
   * The key and source a record moved to its key's partition ({@link Placement}) was first read
   * with, from the {@code x-source-*} headers it carries; the given fallbacks where they are
   * missing or bad.
   */
  static Original originalOf(Headers headers, Source fallback) {
    Header key = headers.lastHeader(KEY_HEADER);
    return new Original(
        key == null ? null : key.value(), Source.fromHeaders(headers).orElse(fallback));
  }

  /** A moved record's original key (null when it had none) and where it was first read. */
  record Original(byte[] key, Source source) {}

  /** Where an input record came from. */
  public record Source(String topic, int partition, long offset) {

    /** Adds the {@code x-source-topic}, {@code -partition} and {@code -offset} headers. */
    void addTo(Headers headers) {
      headers.add(TOPIC_HEADER, utf8(topic));
      headers.add(PARTITION_HEADER, utf8(Integer.toString(partition)));
      headers.add(OFFSET_HEADER, utf8(Long.toString(offset)));
    }

    /** The source a moved record carries in its headers; empty when they are missing or bad. */
    static Optional<Source> fromHeaders(Headers headers) {
      Header topic = headers.lastHeader(TOPIC_HEADER);
      Header partition = headers.lastHeader(PARTITION_HEADER);
      Header offset = headers.lastHeader(OFFSET_HEADER);
      if (topic == null || partition == null || offset == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(
            new Source(
                text(topic.value()),
                Integer.parseInt(text(partition.value())),
                Long.parseLong(text(offset.value()))));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }

    private static String text(byte[] bytes) {
      return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** A detail of at most 1,000 characters: exception messages can quote whole inputs. */
  private static String brief(String detail) {
    String text = String.valueOf(detail);
    return text.length() <= 1_000 ? text : text.substring(0, 1_000) + "…";
  }

  /** The bytes of headers as the budget counts them: names, values and 16 per header. */
  static int size(Headers headers) {
    int size = 0;
    for (Header header : headers) {
      size += utf8(header.key()).length + length(header.value()) + 16;
    }
    return size;
  }

  static int length(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
