package dev.salespulse.web.http;

/**
 * The body of every error answer: {@code {"error":"…","detail":"…"}}. {@code error} is a stable
 * machine-readable code; {@code detail} is for people and never holds a stack trace.
 */
public record ApiError(String error, String detail) {}
