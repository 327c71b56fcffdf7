package dev.salespulse.web.cli;

import dev.salespulse.streams.config.ConfigKey;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The "Settings" section of a command's {@code --help}: every {@link ConfigKey} with its variable,
 * its flag, its default and its one-line meaning, so a new setting is listed as soon as it exists.
 */
public final class SettingsHelp {
  static final String SECTION = "salespulseSettings";
  private static final int WIDTH = 80;
  private static final String INDENT = "      ";

  private SettingsHelp() {}

  /** Adds the section after the options of {@code command}. */
  public static void addTo(CommandLine command, boolean flags) {
    List<String> keys = new ArrayList<>(command.getHelpSectionKeys());
    int footer = keys.indexOf(UsageMessageSpec.SECTION_KEY_FOOTER_HEADING);
    keys.add(footer < 0 ? keys.size() : footer, SECTION);
    command.setHelpSectionKeys(keys);
    command.getHelpSectionMap().put(SECTION, help -> text(flags));
  }

  static String text(boolean flags) {
    StringBuilder text = new StringBuilder(String.format("%nSettings"));
    text.append(
        flags
            ? " (variable SALESPULSE_<KEY> or flag --<key>; a flag wins):"
            : " (variables SALESPULSE_<KEY>; no setting flags here):");
    text.append(String.format("%n"));
    for (ConfigKey key : ConfigKey.values()) {
      String names = flags ? "--" + key.flag() + ", " + key.env() : key.env();
      text.append(String.format("  %s  (default: %s)%n", names, shown(key)));
      wrap(key.description(), text);
    }
    text.append(
        String.format("  %sSALESPULSE_KAFKA_<PROPERTY>%n", flags ? "--kafka-<property>, " : ""));
    wrap(
        "Any Kafka client or Streams property, passed through: SALESPULSE_KAFKA_NUM_STREAM_THREADS=2"
            + " sets num.stream.threads.",
        text);
    text.append(
        String.format(
            "  %sSALESPULSE_WEBHOOK_<SOURCE>_SECRET%n",
            flags ? "--webhook-<source>-secret, " : ""));
    wrap("The signing secret of a webhook source (docs/webhooks.md).", text);
    text.append(String.format("%nAll settings, with what each accepts: docs/configuration.md.%n"));
    return text.toString();
  }

  private static String shown(ConfigKey key) {
    return key.defaultValue().map(value -> value.isEmpty() ? "empty" : value).orElse("none");
  }

  private static void wrap(String words, StringBuilder text) {
    StringBuilder line = new StringBuilder(INDENT);
    for (String word : words.split(" ")) {
      if (line.length() > INDENT.length() && line.length() + 1 + word.length() > WIDTH) {
        text.append(line).append(String.format("%n"));
        line = new StringBuilder(INDENT);
      }
      if (line.length() > INDENT.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    text.append(line).append(String.format("%n"));
  }
}
