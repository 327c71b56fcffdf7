package dev.salespulse.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salespulse.streams.config.ConfigLoader;
import dev.salespulse.streams.config.LoggingConfig;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * The packaged logback.xml with the logging settings applied, in a logger context of its own (the
 * tests' own logging is left alone): docs/operations.md, "Logging".
 */
class LogSetupTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LoggerContext context = new LoggerContext();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @BeforeEach
  void configureFromThePackagedFile() throws Exception {
    URL packaged = LogSetup.class.getClassLoader().getResource("logback.xml");
    assertThat(packaged).as("logback.xml of the main resources").isNotNull();
    context.setMDCAdapter(new LogbackMDCAdapter());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(packaged);
  }

  @AfterEach
  void stop() {
    context.stop();
  }

  @Test
  void aTextLineStartsWithTheDateTimeAndItsOffsetAndNamesLevelThreadAndLogger() {
    apply(Map.of());

    log(
        "dev.salespulse.web.SalesPulseApp",
        "worker-7",
        logger -> logger.info("started in {} s", 3));

    assertThat(lines())
        .singleElement()
        .asString()
        .matches(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) INFO  \\[worker-7\\]"
                + " dev\\.salespulse\\.web\\.SalesPulseApp - started in 3 s");
  }

  @Test
  void jsonGivesOneObjectALineWithTimeLevelThreadLoggerAndMessage() throws Exception {
    apply(Map.of("SALESPULSE_LOG_FORMAT", "json"));

    log(
        "dev.salespulse.web.live.LiveFeed",
        "push-1",
        logger -> {
          logger.warn("slow push to {}\nsecond line \"quoted\"", "client-9");
          logger.error("failed", new IllegalStateException("broken"));
        });

    List<String> lines = lines();
    assertThat(lines).hasSize(2);
    JsonNode first = JSON.readTree(lines.get(0));
    assertThat(first.get("timestamp").isIntegralNumber()).isTrue();
    assertThat(first.get("level").asText()).isEqualTo("WARN");
    assertThat(first.get("threadName").asText()).isEqualTo("push-1");
    assertThat(first.get("loggerName").asText()).isEqualTo("dev.salespulse.web.live.LiveFeed");
    assertThat(first.get("message").asText()).isEqualTo("slow push to {}\nsecond line \"quoted\"");
    assertThat(first.get("formattedMessage").asText())
        .isEqualTo("slow push to client-9\nsecond line \"quoted\"");
    JsonNode second = JSON.readTree(lines.get(1));
    assertThat(second.get("level").asText()).isEqualTo("ERROR");
    assertThat(second.get("throwable").get("className").asText())
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(second.get("throwable").get("message").asText()).isEqualTo("broken");
  }

  @Test
  void textAgainAfterJsonWritesTheTextLinesOfTheFile() {
    apply(Map.of("SALESPULSE_LOG_FORMAT", "json"));
    apply(Map.of("SALESPULSE_LOG_FORMAT", "text"));

    log("dev.salespulse.Any", "main", logger -> logger.info("plain"));

    assertThat(lines())
        .singleElement()
        .asString()
        .endsWith(" INFO  [main] dev.salespulse.Any - plain");
  }

  @Test
  void withoutTheSettingsTheConfigurationComesBackAsItIs() {
    apply(Map.of("SALESPULSE_LOG_FORMAT", "json", "SALESPULSE_LOG_LEVEL", "ERROR"));
    apply(Map.of());

    log("dev.salespulse.Any", "main", logger -> logger.info("plain"));

    assertThat(lines())
        .singleElement()
        .asString()
        .endsWith(" INFO  [main] dev.salespulse.Any - plain");
  }

  @Test
  void textLeavesAJsonEncoderOfTheOperatorsOwnConfigurationAlone() {
    ch.qos.logback.classic.encoder.JsonEncoder own =
        new ch.qos.logback.classic.encoder.JsonEncoder();
    own.setContext(context);
    own.start();
    console().stop();
    console().setEncoder(own);
    console().start();

    apply(Map.of("SALESPULSE_LOG_FORMAT", "text"));

    assertThat(console().getEncoder()).isSameAs(own);
  }

  @Test
  void theLevelSettingSetsSalesPulsesLoggersAndLeavesKafkaAtWarn() {
    apply(Map.of("SALESPULSE_LOG_LEVEL", "debug"));

    log(
        "dev.salespulse.web.live.LiveFeed",
        "main",
        logger -> {
          logger.debug("own debug");
          logger.trace("own trace");
        });
    log("org.apache.kafka.clients.consumer.KafkaConsumer", "main", logger -> logger.info("kafka"));

    assertThat(lines()).singleElement().asString().endsWith(" - own debug");
  }

  @Test
  void aLoggerEntryRaisesThatLoggerAloneAndALaterSettingPutsItBack() {
    apply(Map.of("SALESPULSE_LOG_LEVEL", "WARN,org.apache.kafka.clients=DEBUG"));

    log("dev.salespulse.web.live.LiveFeed", "main", logger -> logger.info("own info"));
    log("org.apache.kafka.clients.NetworkClient", "main", logger -> logger.debug("client debug"));
    log("org.apache.kafka.streams.KafkaStreams", "main", logger -> logger.info("streams info"));
    assertThat(lines()).singleElement().asString().endsWith(" - client debug");

    apply(Map.of());
    assertThat(context.getLogger("org.apache.kafka.clients").getLevel()).isNull();
    assertThat(context.getLogger("org.apache.kafka.clients").getEffectiveLevel())
        .isEqualTo(Level.WARN);
    assertThat(context.getLogger("dev.salespulse").getLevel()).isEqualTo(Level.INFO);
  }

  private void apply(Map<String, String> env) {
    LoggingConfig config = ConfigLoader.loadLogging(env);
    LogSetup.apply(context, config);
    // After the appender was restarted: its output, from here on, goes to this test's buffer.
    console().setOutputStream(out);
  }

  @SuppressWarnings("unchecked")
  private OutputStreamAppender<ILoggingEvent> console() {
    return (OutputStreamAppender<ILoggingEvent>)
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
  }

  /** Logs on a thread of the given name, so the line's thread is known. */
  private void log(String loggerName, String threadName, java.util.function.Consumer<Logger> body) {
    Logger logger = context.getLogger(loggerName);
    Thread thread = new Thread(() -> body.accept(logger), threadName);
    thread.start();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    assertThat(thread.isAlive()).isFalse();
  }

  private List<String> lines() {
    String text = out.toString(StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(List.of(text.split("\n")));
    lines.removeIf(String::isEmpty);
    return lines;
  }
}
