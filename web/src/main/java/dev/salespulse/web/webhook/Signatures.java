package dev.salespulse.web.webhook;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a request's signature by its source's scheme. Every comparison is in constant time; a
 * secret setting may hold several secrets separated by commas, any of which may have signed (to
 * rotate a secret without refusing webhooks). Answers why a request is refused, or nothing when it
 * is signed right.
 */
final class Signatures {
  private static final String STRIPE_HEADER = "Stripe-Signature";
  private static final String HUBSPOT_HEADER = "X-HubSpot-Signature-v3";
  private static final String HUBSPOT_TIMESTAMP = "X-HubSpot-Request-Timestamp";

  private Signatures() {}

  static Optional<String> check(
      SignatureSpec spec, List<String> secrets, WebhookRequest request, Instant now) {
    return switch (spec.scheme()) {
      case HMAC_SHA256 -> hmacOfBody(spec, secrets, request);
      case STRIPE -> stripe(spec.tolerance(), secrets, request, now);
      case HUBSPOT_V3 -> hubSpotV3(spec.tolerance(), secrets, request, now);
      case NONE -> throw new IllegalStateException("an unsigned source has no signature");
    };
  }

  private static Optional<String> hmacOfBody(
      SignatureSpec spec, List<String> secrets, WebhookRequest request) {
    String name = spec.header().orElseThrow();
    Optional<String> header = request.header(name);
    if (header.isEmpty() || !header.get().startsWith(spec.prefix())) {
      return Optional.of("no " + name + " header");
    }
    byte[] given;
    try {
      String value = header.get().substring(spec.prefix().length()).trim();
      given =
          spec.encoding().equals("hex")
              ? HexFormat.of().parseHex(value.toLowerCase(java.util.Locale.ROOT))
              : Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      return Optional.of(name + " is not " + spec.encoding());
    }
    for (String secret : secrets) {
      if (MessageDigest.isEqual(hmac(secret, request.body()), given)) {
        return Optional.empty();
      }
    }
    return Optional.of(name + " does not match the body signed with the source's secret");
  }

  /** {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]} over {@code "{t}.{body}"}. */
  private static Optional<String> stripe(
      Duration tolerance, List<String> secrets, WebhookRequest request, Instant now) {
    Optional<String> header = request.header(STRIPE_HEADER);
    if (header.isEmpty()) {
      return Optional.of("no " + STRIPE_HEADER + " header");
    }
    String t = null;
    List<String> v1 = new ArrayList<>();
    for (String part : header.get().split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length == 2 && kv[0].equals("t")) {
        t = kv[1];
      } else if (kv.length == 2 && kv[0].equals("v1")) {
        v1.add(kv[1]);
      }
    }
    if (t == null || v1.isEmpty()) {
      return Optional.of(STRIPE_HEADER + " needs t= and v1=");
    }
    Optional<String> stale = stale(t, 1000, tolerance, now);
    if (stale.isPresent()) {
      return stale;
    }
    byte[] signed = concat((t + ".").getBytes(StandardCharsets.UTF_8), request.body(), new byte[0]);
    for (String secret : secrets) {
      byte[] expected =
          HexFormat.of().formatHex(hmac(secret, signed)).getBytes(StandardCharsets.US_ASCII);
      for (String candidate : v1) {
        if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII))) {
          return Optional.empty();
        }
      }
    }
    return Optional.of(STRIPE_HEADER + " has no v1 signature made with the source's secret");
  }

  /**
   * HubSpot's v3: base64 HMAC-SHA256 of method + URI + body + timestamp (milliseconds), the URI as
   * HubSpot called it with its escapes of {@code : / ? @ ! $ ' ( ) * , ;} decoded.
   */
  private static Optional<String> hubSpotV3(
      Duration tolerance, List<String> secrets, WebhookRequest request, Instant now) {
    Optional<String> signature = request.header(HUBSPOT_HEADER);
    Optional<String> timestamp = request.header(HUBSPOT_TIMESTAMP);
    if (signature.isEmpty() || timestamp.isEmpty()) {
      return Optional.of("no " + HUBSPOT_HEADER + " or " + HUBSPOT_TIMESTAMP + " header");
    }
    Optional<String> stale = stale(timestamp.get(), 1, tolerance, now);
    if (stale.isPresent()) {
      return stale;
    }
    byte[] signed =
        concat(
            (request.method() + hubSpotUri(request.uri())).getBytes(StandardCharsets.UTF_8),
            request.body(),
            timestamp.get().getBytes(StandardCharsets.UTF_8));
    byte[] given = signature.get().trim().getBytes(StandardCharsets.US_ASCII);
    for (String secret : secrets) {
      byte[] expected =
          Base64.getEncoder()
              .encodeToString(hmac(secret, signed))
              .getBytes(StandardCharsets.US_ASCII);
      if (MessageDigest.isEqual(expected, given)) {
        return Optional.empty();
      }
    }
    return Optional.of(
        HUBSPOT_HEADER + " does not match the request signed with the source's secret");
  }

  static String hubSpotUri(String uri) {
    String[][] escapes = {
      {"%3A", ":"}, {"%2F", "/"}, {"%3F", "?"}, {"%40", "@"}, {"%21", "!"}, {"%24", "$"},
      {"%27", "'"}, {"%28", "("}, {"%29", ")"}, {"%2A", "*"}, {"%2C", ","}, {"%3B", ";"}
    };
    String decoded = uri;
    for (String[] e : escapes) {
      decoded = decoded.replace(e[0], e[1]).replace(e[0].toLowerCase(java.util.Locale.ROOT), e[1]);
    }
    return decoded;
  }

  /** A signed timestamp (in units of {@code millisPerUnit}) too far from now. */
  private static Optional<String> stale(
      String timestamp, long millisPerUnit, Duration tolerance, Instant now) {
    long millis;
    try {
      millis = Math.multiplyExact(Long.parseLong(timestamp.trim()), millisPerUnit);
    } catch (NumberFormatException | ArithmeticException e) {
      return Optional.of("the signed timestamp '" + timestamp + "' is not a number");
    }
    long skew = Math.abs(now.toEpochMilli() - millis);
    if (skew > tolerance.toMillis()) {
      return Optional.of(
          "the signed timestamp "
              + Instant.ofEpochMilli(millis)
              + " is more than "
              + tolerance.toSeconds()
              + " s from this server's clock ("
              + now
              + "): a replayed or delayed request");
    }
    return Optional.empty();
  }

  static byte[] hmac(String secret, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b, byte[] c) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length + c.length);
    out.writeBytes(a);
    out.writeBytes(b);
    out.writeBytes(c);
    return out.toByteArray();
  }
}
