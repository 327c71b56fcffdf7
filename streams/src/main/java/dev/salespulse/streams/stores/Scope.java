package dev.salespulse.streams.stores;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A scope such as {@code team:team-north}: the key KPIs are partitioned, stored and queried by. The
 * company scope is always {@code company:all}.
 */
public record Scope(ScopeKind kind, String id) {
  public static final Scope COMPANY = new Scope(ScopeKind.COMPANY, "all");

  /** Ids come from event fields, which are at most this long. */
  public static final int MAX_ID_LENGTH = 256;

  public Scope {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("A scope needs an id after the colon, e.g. team:north");
    }
    if (id.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(
          "a scope id is at most " + MAX_ID_LENGTH + " characters long");
    }
  }

  /**
   * Parses {@code kind:id}.
   *
   * @throws IllegalArgumentException with a message fit for an API user
   */
  public static Scope parse(String key) {
    int colon = key == null ? -1 : key.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "scope must look like kind:id, e.g. team:team-north or company:all");
    }
    String prefix = key.substring(0, colon);
    ScopeKind kind =
        ScopeKind.of(prefix)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown scope kind '" + prefix + "'; known kinds: " + kinds()));
    Scope scope = new Scope(kind, key.substring(colon + 1));
    if (kind == ScopeKind.COMPANY && !scope.equals(COMPANY)) {
      throw new IllegalArgumentException("the company scope is company:all");
    }
    return scope;
  }

  private static String kinds() {
    return Arrays.stream(ScopeKind.values())
        .map(ScopeKind::prefix)
        .collect(Collectors.joining(", "));
  }

  public static Scope of(ScopeKind kind, String id) {
    return new Scope(kind, id);
  }

  @Override
  public String toString() {
    return kind.prefix() + ":" + id;
  }
}
