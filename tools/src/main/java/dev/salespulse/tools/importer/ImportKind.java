package dev.salespulse.tools.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.web.ingest.ReferenceKind;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What an import file holds, and the route that takes it. */
public enum ImportKind {
  EVENTS("POST", "/api/v1/events", null),
  REPS("PUT", "/api/v1/reps", ReferenceKind.REPS),
  TARGETS("PUT", "/api/v1/targets", ReferenceKind.TARGETS),
  FX_RATES("PUT", "/api/v1/fx-rates", ReferenceKind.FX_RATES);

  private final String method;
  private final String path;
  private final ReferenceKind reference;

  ImportKind(String method, String path, ReferenceKind reference) {
    this.method = method;
    this.path = path;
    this.reference = reference;
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  public boolean isReference() {
    return reference != null;
  }

  /** The name users give it: {@code events}, {@code reps}, {@code targets}, {@code fx-rates}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<ImportKind> ofLabel(String label) {
    for (ImportKind kind : values()) {
      if (kind.label().equals(label)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /**
   * The kind the field names of a file's first record (or its CSV header) point to: a {@code type}
   * makes events, {@code perUnitInReporting} fx rates, {@code metric} targets, {@code repId}
   * without {@code type} the roster.
   */
  static Optional<ImportKind> ofFields(Set<String> fields) {
    if (fields.contains("type")) {
      return Optional.of(EVENTS);
    }
    if (fields.contains("perUnitInReporting")) {
      return Optional.of(FX_RATES);
    }
    if (fields.contains("metric") && fields.contains("scope")) {
      return Optional.of(TARGETS);
    }
    if (fields.contains("repId")) {
      return Optional.of(REPS);
    }
    return Optional.empty();
  }

  static Set<String> fieldsOf(JsonNode object) {
    java.util.Set<String> names = new java.util.HashSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
