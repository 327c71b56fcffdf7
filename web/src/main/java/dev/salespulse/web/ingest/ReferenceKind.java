package dev.salespulse.web.ingest;

/** The reference data a user can replace over HTTP or import: the roster, targets, fx rates. */
public enum ReferenceKind {
  REPS,
  TARGETS,
  FX_RATES
}
