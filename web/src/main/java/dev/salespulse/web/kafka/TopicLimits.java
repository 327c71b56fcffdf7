package dev.salespulse.web.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the limits a topic's brokers put on the records written to it. */
public final class TopicLimits {
  private static final Logger LOG = LoggerFactory.getLogger(TopicLimits.class);

  private TopicLimits() {}

  /**
   * The topic's {@code max.message.bytes} (its own setting or the brokers' default), or empty when
   * it cannot be read in time (then logged).
   */
  public static OptionalInt maxMessageBytes(
      Map<String, Object> adminConfig, String topic, Duration timeout) {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    try (Admin admin = Admin.create(adminConfig)) {
      Config config =
          admin
              .describeConfigs(List.of(resource))
              .all()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .get(resource);
      ConfigEntry entry = config == null ? null : config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
      return entry == null || entry.value() == null
          ? OptionalInt.empty()
          : OptionalInt.of(Integer.parseInt(entry.value()));
    } catch (ExecutionException | TimeoutException | NumberFormatException e) {
      LOG.warn("Could not read max.message.bytes of {}; assuming the default", topic, e);
      return OptionalInt.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.empty();
    }
  }
}
