package dev.salespulse.streams.query;

import dev.salespulse.streams.stores.Scope;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Human names of scopes for wallboards: a rep's roster name; for a team, its id without a {@code
 * team-} prefix, in title case ({@code team-north} → {@code North}), since the roster carries no
 * team names; other ids as they are.
 */
final class DisplayNames {
  private DisplayNames() {}

  static String of(Scope scope, Function<String, Optional<String>> repNames) {
    return switch (scope.kind()) {
      case COMPANY -> "Company";
      case REP -> repNames.apply(scope.id()).orElse(scope.id());
      case TEAM -> titleCase(scope.id().replaceFirst("^team[-_]", ""));
      default -> scope.id();
    };
  }

  private static String titleCase(String id) {
    return Arrays.stream(id.split("[-_ ]+"))
        .filter(word -> !word.isEmpty())
        .map(word -> word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1))
        .collect(Collectors.joining(" "));
  }
}
