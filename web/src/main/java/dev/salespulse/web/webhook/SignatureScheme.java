package dev.salespulse.web.webhook;

import java.util.Arrays;
import java.util.Optional;

/** The signature schemes a mapping file can name. */
enum SignatureScheme {
  /** HMAC-SHA256 of the raw body in a header, base64 or hex (Shopify, WooCommerce, GitHub…). */
  HMAC_SHA256("hmac-sha256"),
  /** {@code Stripe-Signature: t=…,v1=…}: hex HMAC-SHA256 of {@code "{t}.{body}"}, timestamped. */
  STRIPE("stripe"),
  /** {@code X-HubSpot-Signature-v3}: base64 HMAC-SHA256 of method, URI, body and timestamp. */
  HUBSPOT_V3("hubspot-v3"),
  /** Not signed: the request must carry the ingest token instead. */
  NONE("none");

  private final String fileName;

  SignatureScheme(String fileName) {
    this.fileName = fileName;
  }

  String fileName() {
    return fileName;
  }

  static Optional<SignatureScheme> byFileName(String name) {
    return Arrays.stream(values()).filter(s -> s.fileName.equals(name)).findFirst();
  }
}
