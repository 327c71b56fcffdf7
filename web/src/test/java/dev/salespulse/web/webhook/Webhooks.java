package dev.salespulse.web.webhook;

import dev.salespulse.web.json.Json;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test fixtures for webhooks: the payloads under {@code /webhooks/} (shaped as the providers
 * document them), signatures made as each provider makes them, and a service on a fixed clock.
 */
final class Webhooks {
  static final Instant NOW = Instant.parse("2026-11-27T16:40:10Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String SHOPIFY_SECRET = "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";
  static final String STRIPE_SECRET = "whsec_8dK2mQ7vX4pL9sR1tY6uZ3wA5bC0eF2g";
  static final String HUBSPOT_SECRET = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
  static final String INGEST_TOKEN = "ingest-token-for-tests";
  static final Map<String, String> SECRETS =
      Map.of(
          "SALESPULSE_WEBHOOK_SHOPIFY_SECRET", SHOPIFY_SECRET,
          "SALESPULSE_WEBHOOK_STRIPE_SECRET", STRIPE_SECRET,
          "SALESPULSE_WEBHOOK_HUBSPOT_SECRET", HUBSPOT_SECRET);
  static final String HUBSPOT_URL = "https://sales.example.com/api/v1/webhooks/hubspot";

  private Webhooks() {}

  static WebhookService service(RecordingSink sink) {
    return service(sink, WebhookMappings.load(Optional.empty()), SECRETS);
  }

  static WebhookService service(
      RecordingSink sink, WebhookMappings mappings, Map<String, String> secrets) {
    return new WebhookService(mappings, secrets, Optional.of(INGEST_TOKEN), sink::labelled, CLOCK);
  }

  /** A server with the webhook route alone, on a free port. */
  static Javalin serve(WebhookHandler handler) {
    return Javalin.create(
            config -> {
              config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
              config.routes.post("/api/v1/webhooks/{source}", handler);
            })
        .start(0);
  }

  static WebhookMappings mappingsFrom(Path directory) {
    return WebhookMappings.load(Optional.of(directory));
  }

  static byte[] payload(String name) {
    try (InputStream in = Webhooks.class.getResourceAsStream("/webhooks/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Shopify: base64 HMAC-SHA256 of the raw body. */
  static WebhookRequest shopify(String topic, String webhookId, byte[] body, String secret) {
    return new WebhookRequest(
        "shopify",
        "POST",
        "https://sales.example.com/api/v1/webhooks/shopify",
        Map.of(
            "Content-Type",
            "application/json",
            "X-Shopify-Topic",
            topic,
            "X-Shopify-Hmac-Sha256",
            Base64.getEncoder().encodeToString(hmac(secret, body)),
            "X-Shopify-Shop-Domain",
            "example.myshopify.com",
            "X-Shopify-Webhook-Id",
            webhookId,
            "X-Shopify-API-Version",
            "2025-10"),
        body,
        Optional.empty());
  }

  /** Stripe: {@code t=<seconds>,v1=<hex HMAC-SHA256 of "t.body">}. */
  static WebhookRequest stripe(byte[] body, String secret, Instant signedAt) {
    long t = signedAt.getEpochSecond();
    byte[] signed = concat((t + ".").getBytes(StandardCharsets.UTF_8), body);
    String header = "t=" + t + ",v1=" + HexFormat.of().formatHex(hmac(secret, signed)) + ",v0=00";
    return new WebhookRequest(
        "stripe",
        "POST",
        "https://sales.example.com/api/v1/webhooks/stripe",
        Map.of("Content-Type", "application/json; charset=utf-8", "Stripe-Signature", header),
        body,
        Optional.empty());
  }

  /** HubSpot v3: base64 HMAC-SHA256 of method + URI + body + timestamp (milliseconds). */
  static WebhookRequest hubSpot(byte[] body, String secret, Instant signedAt) {
    String timestamp = Long.toString(signedAt.toEpochMilli());
    byte[] signed =
        concat(
            concat(("POST" + HUBSPOT_URL).getBytes(StandardCharsets.UTF_8), body),
            timestamp.getBytes(StandardCharsets.UTF_8));
    return new WebhookRequest(
        "hubspot",
        "POST",
        HUBSPOT_URL,
        Map.of(
            "Content-Type",
            "application/json",
            "X-HubSpot-Signature-v3",
            Base64.getEncoder().encodeToString(hmac(secret, signed)),
            "X-HubSpot-Request-Timestamp",
            timestamp,
            "X-HubSpot-Signature-Version",
            "v1"),
        body,
        Optional.empty());
  }

  /** Computed here, apart from the code under test, as a provider computes it. */
  static byte[] hmac(String secret, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] tamper(byte[] body, String from, String to) {
    String text = new String(body, StandardCharsets.UTF_8);
    if (!text.contains(from)) {
      throw new IllegalArgumentException("payload has no '" + from + "'");
    }
    return text.replace(from, to).getBytes(StandardCharsets.UTF_8);
  }

  static String json(Object body) {
    try {
      return Json.MAPPER.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
