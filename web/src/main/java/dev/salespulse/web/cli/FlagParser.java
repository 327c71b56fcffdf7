package dev.salespulse.web.cli;

import dev.salespulse.streams.config.ConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns {@code --key value} and {@code --key=value} arguments into a map of setting flags. */
public final class FlagParser {
  private FlagParser() {}

  public static Map<String, String> parse(List<String> args) {
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new ConfigException(
            "Unexpected argument '" + arg + "'; settings look like --http-port 8080");
      }
      String flag = arg.substring(2);
      int equals = flag.indexOf('=');
      if (equals >= 0) {
        flags.put(flag.substring(0, equals), flag.substring(equals + 1));
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        flags.put(flag, args.get(++i));
      } else {
        throw new ConfigException("Option --" + flag + " needs a value, e.g. --" + flag + "=…");
      }
    }
    return flags;
  }
}
