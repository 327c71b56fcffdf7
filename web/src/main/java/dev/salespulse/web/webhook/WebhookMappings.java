package dev.salespulse.web.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.salespulse.streams.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every source SalesPulse takes webhooks from: the built-in mappings (shopify, stripe, hubspot,
 * resources under {@code /webhooks/}), then every {@code *.yaml}, {@code *.yml} or {@code *.json}
 * file of {@code SALESPULSE_WEBHOOK_DIR}, which adds a source or replaces a built-in one of the
 * same name. Read once at start; a file that cannot be read or parsed stops the start with a
 * message naming it.
 */
public final class WebhookMappings {
  static final List<String> BUILT_IN = List.of("hubspot", "shopify", "stripe");
  private static final ObjectMapper YAML = new YAMLMapper();

  private final Map<String, WebhookMapping> bySource;

  private WebhookMappings(Map<String, WebhookMapping> bySource) {
    this.bySource = Map.copyOf(bySource);
  }

  /**
   * @throws ConfigException naming the file and what is wrong in it
   */
  public static WebhookMappings load(Optional<Path> directory) {
    Map<String, WebhookMapping> mappings = new TreeMap<>();
    for (String name : BUILT_IN) {
      WebhookMapping mapping = builtIn(name);
      mappings.put(mapping.source(), mapping);
    }
    if (directory.isPresent()) {
      Map<String, WebhookMapping> own = new TreeMap<>();
      for (Path file : files(directory.get())) {
        WebhookMapping mapping = read(file);
        WebhookMapping before = own.put(mapping.source(), mapping);
        if (before != null) {
          throw new ConfigException(
              "Webhook mappings "
                  + before.origin()
                  + " and "
                  + file
                  + " both define source '"
                  + mapping.source()
                  + "' (SALESPULSE_WEBHOOK_DIR).");
        }
      }
      mappings.putAll(own);
    }
    return new WebhookMappings(mappings);
  }

  Optional<WebhookMapping> get(String source) {
    return Optional.ofNullable(bySource.get(source));
  }

  public Collection<String> sources() {
    return bySource.keySet().stream().sorted().toList();
  }

  /** Where each source's mapping came from, for the start-up log. */
  public Map<String, String> origins() {
    Map<String, String> origins = new TreeMap<>();
    bySource.forEach((source, mapping) -> origins.put(source, mapping.origin()));
    return origins;
  }

  private static WebhookMapping builtIn(String name) {
    String resource = "/webhooks/" + name + ".yaml";
    try (InputStream in = WebhookMappings.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("built-in webhook mapping " + resource + " is missing");
      }
      return MappingParser.parse(YAML.readTree(in), "built-in " + name);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "built-in webhook mapping " + resource + ": " + e.getMessage(), e);
    }
  }

  private static List<Path> files(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new ConfigException(
          "SALESPULSE_WEBHOOK_DIR='" + directory + "' is not a directory that can be read.");
    }
    try (Stream<Path> list = Files.list(directory)) {
      return new ArrayList<>(
          list.filter(Files::isRegularFile)
              .filter(
                  p -> {
                    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                    return name.endsWith(".yaml")
                        || name.endsWith(".yml")
                        || name.endsWith(".json");
                  })
              .sorted()
              .toList());
    } catch (IOException e) {
      throw new ConfigException(
          "Cannot list SALESPULSE_WEBHOOK_DIR='" + directory + "': " + e.getMessage());
    }
  }

  static WebhookMapping read(Path file) {
    JsonNode tree;
    try {
      tree = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new ConfigException(
          "Webhook mapping " + file + " is not valid YAML or JSON: " + firstLine(e));
    }
    try {
      return MappingParser.parse(tree, file.toString());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Webhook mapping " + file + ": " + e.getMessage());
    }
  }

  private static String firstLine(IOException e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
