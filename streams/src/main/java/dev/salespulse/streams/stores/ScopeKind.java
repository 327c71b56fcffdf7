package dev.salespulse.streams.stores;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The dimensions KPIs are kept by; the lower-case name is the scope key's prefix. Targets are set
 * for the company, regions, teams and reps: those scopes also keep a revenue profile and announce
 * milestones.
 */
public enum ScopeKind {
  COMPANY(true),
  REGION(true),
  TEAM(true),
  REP(true),
  CHANNEL(false),
  CATEGORY(false);

  private static final List<ScopeKind> KINDS = List.of(values());
  private final String prefix;
  private final boolean hasTargets;

  ScopeKind(boolean hasTargets) {
    this.prefix = name().toLowerCase(Locale.ROOT);
    this.hasTargets = hasTargets;
  }

  public String prefix() {
    return prefix;
  }

  /** Whether targets can be set for scopes of this kind. */
  public boolean hasTargets() {
    return hasTargets;
  }

  public static Optional<ScopeKind> of(String prefix) {
    for (ScopeKind kind : KINDS) {
      if (kind.prefix.equals(prefix)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /** The kind of a scope key such as {@code team:north}, without checking the rest of the key. */
  public static Optional<ScopeKind> ofKey(String scopeKey) {
    for (ScopeKind kind : KINDS) {
      if (scopeKey.startsWith(kind.prefix)
          && scopeKey.length() > kind.prefix.length()
          && scopeKey.charAt(kind.prefix.length()) == ':') {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
