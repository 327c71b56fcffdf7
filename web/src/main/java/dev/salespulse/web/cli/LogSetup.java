package dev.salespulse.web.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.salespulse.streams.config.ConfigException;
import dev.salespulse.streams.config.ConfigKey;
import dev.salespulse.streams.config.ConfigLoader;
import dev.salespulse.streams.config.LoggingConfig;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code SALESPULSE_LOG_FORMAT} and {@code SALESPULSE_LOG_LEVEL} to logback, which has read
 * logback.xml before any setting is: the console appender's encoder becomes logback's own {@link
 * JsonEncoder} for {@code json} (the text encoder of logback.xml for {@code text}), and the named
 * loggers get their levels. Applying again first puts back what an earlier call changed, so the
 * settings read from the environment at launch can be replaced by those read with the flags.
 */
public final class LogSetup {
  private static final String TEXT_ENCODER = "salespulse.log.textEncoder";
  private static final String LEVELS_BEFORE = "salespulse.log.levelsBefore";

  private LogSetup() {}

  /**
   * At launch, before a command reads its settings: the environment's logging settings, so even the
   * first lines follow them. A bad value is left for the command to refuse with the others.
   */
  public static void applyEnvironment(Map<String, String> env) {
    if (!env.containsKey(ConfigKey.LOG_FORMAT.env())
        && !env.containsKey(ConfigKey.LOG_LEVEL.env())) {
      return; // logback.xml as it is: nothing to change, and --help need not start logback
    }
    try {
      apply(ConfigLoader.loadLogging(env));
    } catch (ConfigException e) {
      // Refused with exit code 2 when the command loads its settings.
    }
  }

  public static void apply(LoggingConfig config) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      apply(context, config);
    }
  }

  static synchronized void apply(LoggerContext context, LoggingConfig config) {
    restoreLevels(context);
    Map<String, Level> before = new HashMap<>();
    config
        .levels()
        .forEach(
            (name, level) -> {
              Logger logger = context.getLogger(name);
              before.putIfAbsent(name, logger.getLevel());
              logger.setLevel(Level.toLevel(level));
            });
    context.putObject(LEVELS_BEFORE, before);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
        setFormat(context, appender, config.format().orElse(null));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void restoreLevels(LoggerContext context) {
    Object before = context.getObject(LEVELS_BEFORE);
    if (before instanceof Map<?, ?> levels) {
      ((Map<String, Level>) levels)
          .forEach((name, level) -> context.getLogger(name).setLevel(level));
    }
  }

  @SuppressWarnings("unchecked")
  private static void setFormat(
      LoggerContext context,
      OutputStreamAppender<ILoggingEvent> appender,
      LoggingConfig.Format format) {
    String textKey = TEXT_ENCODER + "." + appender.getName();
    Encoder<ILoggingEvent> current = appender.getEncoder();
    boolean json = current instanceof JsonEncoder;
    Encoder<ILoggingEvent> text = (Encoder<ILoggingEvent>) context.getObject(textKey);
    // Not given: back to the configuration's own encoder if an earlier call replaced it.
    boolean wantJson = format == null ? text == null && json : format == LoggingConfig.Format.JSON;
    if (json == wantJson || (!wantJson && text == null)) {
      return; // as asked already, or text asked of a configuration whose own encoder is JSON
    }
    Encoder<ILoggingEvent> next;
    if (json) {
      next = text;
    } else {
      context.putObject(textKey, current);
      next = jsonEncoder(context);
    }
    appender.stop();
    appender.setEncoder(next);
    next.start();
    appender.start();
  }

  /**
   * One object a line: timestamp (epoch milliseconds), level, threadName, loggerName, mdc, kvpList,
   * message (the template), formattedMessage (the text), throwable.
   */
  private static JsonEncoder jsonEncoder(LoggerContext context) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithContext(false);
    encoder.setWithArguments(false);
    encoder.setWithFormattedMessage(true);
    return encoder;
  }
}
