package dev.salespulse.streams.stores;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The dimensions KPIs are kept by; the lower-case name is the scope key's prefix. */
public enum ScopeKind {
  COMPANY,
  REGION,
  TEAM,
  REP,
  CHANNEL,
  CATEGORY;

  public String prefix() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ScopeKind> of(String prefix) {
    return Arrays.stream(values()).filter(kind -> kind.prefix().equals(prefix)).findFirst();
  }
}
